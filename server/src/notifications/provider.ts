import type { FastifyBaseLogger } from 'fastify';
import { maskPhone } from '../domain/mask.ts';

// Where text messages go. A real deployment plugs in its SMS gateway; the default writes each
// message to the log (with the phone masked), which is enough for a demo and for tests.

export type NotificationParams = Record<string, string | number>;

export interface SendMeta {
  /**
   * Unique per message and the same on every retry. A gateway that deduplicates on it (most
   * take a client request ID) turns the worker's at-least-once attempts into exactly-once
   * delivery, even when a process dies between the send and the record of it.
   */
  idempotencyKey: string;
  attempt: number;
}

export interface NotificationProvider {
  /** Resolves when the gateway accepted the message; throws to have it retried later. */
  send(
    phone: string,
    templateKey: string,
    params: NotificationParams,
    meta: SendMeta,
  ): Promise<{ ref?: string } | void>;
}

/** Parameters that must not reach a log: the booking code lets anyone check in. */
const SECRET_PARAMS = new Set(['code']);

export class LogProvider implements NotificationProvider {
  constructor(private readonly log: FastifyBaseLogger) {}

  async send(phone: string, templateKey: string, params: NotificationParams, meta: SendMeta) {
    const shown = Object.fromEntries(
      Object.entries(params).map(([k, v]) => [k, SECRET_PARAMS.has(k) ? '***' : v]),
    );
    this.log.info(
      {
        notification: {
          to: maskPhone(phone),
          template: templateKey,
          params: shown,
          key: meta.idempotencyKey,
        },
      },
      'notification sent (log provider)',
    );
    return { ref: `log:${meta.idempotencyKey}` };
  }
}
