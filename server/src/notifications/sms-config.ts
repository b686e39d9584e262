// Text-message settings (README "Text messages"), read from the environment by config.ts.
import { z } from 'zod';

export interface SmsTemplate {
  /** The gateway's approved template (Alibaba SMS_…, Tencent a number, or the platform's own id). */
  id: string;
  /** hallq's parameters the template takes, in its order (Tencent numbers them). */
  params?: string[];
}

export type SmsSettings =
  | { kind: 'log' }
  | {
      kind: 'aliyun';
      accessKeyId: string;
      accessKeySecret: string;
      signName: string;
      templates: Record<string, SmsTemplate>;
      endpoint?: string | undefined;
    }
  | {
      kind: 'tencent';
      secretId: string;
      secretKey: string;
      appId: string;
      region: string;
      signName: string;
      templates: Record<string, SmsTemplate>;
      endpoint?: string | undefined;
    }
  | { kind: 'http'; url: string; token?: string | undefined; templates: Record<string, SmsTemplate> };

const Templates = z
  .string()
  .default('{}')
  .transform((v, ctx) => {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON' });
      return z.NEVER;
    }
  })
  .pipe(
    z.record(
      z.string(),
      z.object({ id: z.string().min(1), params: z.array(z.string()).optional() }).strict(),
    ),
  );

export const SmsEnv = z.object({
  HALLQ_SMS_PROVIDER: z.enum(['log', 'aliyun', 'tencent', 'http']).default('log'),
  HALLQ_SMS_TEMPLATES: Templates,
  HALLQ_SMS_SIGN_NAME: z.string().optional(),
  HALLQ_SMS_ENDPOINT: z.string().url().optional(),
  HALLQ_SMS_ACCESS_KEY_ID: z.string().optional(),
  HALLQ_SMS_ACCESS_KEY_SECRET: z.string().optional(),
  HALLQ_SMS_TENCENT_APP_ID: z.string().optional(),
  HALLQ_SMS_TENCENT_REGION: z.string().default('ap-guangzhou'),
  HALLQ_SMS_HTTP_TOKEN: z.string().optional(),
});

/** The settings, or the name of the first missing variable. */
export function smsSettings(e: z.infer<typeof SmsEnv>): SmsSettings | { missing: string } {
  const need = (name: keyof typeof e): string | { missing: string } => {
    const v = e[name];
    return typeof v === 'string' && v ? v : { missing: name };
  };
  const pick = (...names: (keyof typeof e)[]) => {
    const out: string[] = [];
    for (const n of names) {
      const v = need(n);
      if (typeof v !== 'string') return v;
      out.push(v);
    }
    return out;
  };
  switch (e.HALLQ_SMS_PROVIDER) {
    case 'log':
      return { kind: 'log' };
    case 'aliyun': {
      const v = pick('HALLQ_SMS_ACCESS_KEY_ID', 'HALLQ_SMS_ACCESS_KEY_SECRET', 'HALLQ_SMS_SIGN_NAME');
      if (!Array.isArray(v)) return v;
      const [accessKeyId, accessKeySecret, signName] = v as [string, string, string];
      return {
        kind: 'aliyun',
        accessKeyId,
        accessKeySecret,
        signName,
        templates: e.HALLQ_SMS_TEMPLATES,
        endpoint: e.HALLQ_SMS_ENDPOINT,
      };
    }
    case 'tencent': {
      const v = pick(
        'HALLQ_SMS_ACCESS_KEY_ID',
        'HALLQ_SMS_ACCESS_KEY_SECRET',
        'HALLQ_SMS_TENCENT_APP_ID',
        'HALLQ_SMS_SIGN_NAME',
      );
      if (!Array.isArray(v)) return v;
      const [secretId, secretKey, appId, signName] = v as [string, string, string, string];
      return {
        kind: 'tencent',
        secretId,
        secretKey,
        appId,
        signName,
        region: e.HALLQ_SMS_TENCENT_REGION,
        templates: e.HALLQ_SMS_TEMPLATES,
        endpoint: e.HALLQ_SMS_ENDPOINT,
      };
    }
    case 'http': {
      const url = need('HALLQ_SMS_ENDPOINT');
      if (typeof url !== 'string') return url;
      return { kind: 'http', url, token: e.HALLQ_SMS_HTTP_TOKEN, templates: e.HALLQ_SMS_TEMPLATES };
    }
  }
}
