import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_queue.ts';
import * as m0003 from './0003_appointments.ts';
import * as m0004 from './0004_ratings.ts';
import * as m0005 from './0005_audit.ts';
import * as m0010 from './0010_hall_rules.ts';
import * as m0011 from './0011_counter_name_en.ts';
import * as m0020 from './0020_people.ts';
import * as m0021 from './0021_unresolved.ts';
import * as m0022 from './0022_help_alerts.ts';
import * as m0030 from './0030_haocha_followup.ts';
import * as m0040 from './0040_devices.ts';
import * as m0041 from './0041_booking_phone_confirmation.ts';
import * as m0042 from './0042_audit_readable.ts';
import * as m0043 from './0043_device_last_seen.ts';
import * as m0060 from './0060_stats_rollups.ts';

// Listed by hand so the same migrations run from tsx, vitest and a bundled build alike.
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_queue': m0002,
  '0003_appointments': m0003,
  '0004_ratings': m0004,
  '0005_audit': m0005,
  '0010_hall_rules': m0010,
  '0011_counter_name_en': m0011,
  '0020_people': m0020,
  '0021_unresolved': m0021,
  '0022_help_alerts': m0022,
  '0030_haocha_followup': m0030,
  '0040_devices': m0040,
  '0041_booking_phone_confirmation': m0041,
  '0042_audit_readable': m0042,
  '0043_device_last_seen': m0043,
  '0060_stats_rollups': m0060,
};
