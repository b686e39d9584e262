// Real text-message gateways (issue 16): Alibaba Cloud SMS and Tencent Cloud SMS through their
// official Node SDKs, and a generic HTTP gateway for a government's own SMS platform. Each turns
// hallq's template key into the gateway's approved template and passes the outbox's
// idempotency key where the gateway takes one (Alibaba OutId, Tencent SessionContext, the HTTP
// gateway's Idempotency-Key header). Settings: sms-config.ts; README "Text messages".
import Dysmsapi, { SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { Config as AliConfig } from '@alicloud/openapi-client';
import type { FastifyBaseLogger } from 'fastify';
import { sms as tencentSms } from 'tencentcloud-sdk-nodejs-sms';
import {
  LogProvider,
  type NotificationParams,
  type NotificationProvider,
  type SendMeta,
} from './provider.ts';
import type { SmsSettings, SmsTemplate } from './sms-config.ts';

/** The gateway's template for a hallq template key; a key without one is a permanent error. */
function templateFor(templates: Record<string, SmsTemplate>, key: string): SmsTemplate {
  const t = templates[key];
  if (!t) throw new Error(`no SMS template configured for ${key} (HALLQ_SMS_TEMPLATES)`);
  return t;
}

/** The parameters the template takes, in its order (all of them when it names none). */
function paramsFor(t: SmsTemplate, params: NotificationParams): [string, string][] {
  const names = t.params ?? Object.keys(params);
  return names.map((n) => [n, String(params[n] ?? '')]);
}

/** Mainland numbers as +86…, others as given (E.164). */
const e164 = (phone: string) => (phone.startsWith('+') ? phone : `+86${phone}`);

export class AliyunSmsProvider implements NotificationProvider {
  private readonly client: Dysmsapi;
  constructor(private readonly s: SmsSettings & { kind: 'aliyun' }) {
    const endpoint = new URL(s.endpoint ?? 'https://dysmsapi.aliyuncs.com');
    this.client = new Dysmsapi(
      new AliConfig({
        accessKeyId: s.accessKeyId,
        accessKeySecret: s.accessKeySecret,
        endpoint: endpoint.host,
        protocol: endpoint.protocol.replace(':', ''),
      }),
    );
  }

  async send(phone: string, templateKey: string, params: NotificationParams, meta: SendMeta) {
    const t = templateFor(this.s.templates, templateKey);
    const answer = await this.client.sendSms(
      new SendSmsRequest({
        // Alibaba takes mainland numbers without +86 and others with their country code.
        phoneNumbers: phone.startsWith('+86') ? phone.slice(3) : phone.replace(/^\+/, '00'),
        signName: this.s.signName,
        templateCode: t.id,
        templateParam: JSON.stringify(Object.fromEntries(paramsFor(t, params))),
        outId: meta.idempotencyKey.slice(0, 64),
      }),
    );
    const body = answer.body;
    if (body?.code !== 'OK')
      throw new Error(`Alibaba Cloud SMS refused: ${body?.code} ${body?.message ?? ''}`);
    return { ref: `aliyun:${body.bizId ?? ''}` };
  }
}

export class TencentSmsProvider implements NotificationProvider {
  private readonly client: InstanceType<typeof tencentSms.v20210111.Client>;
  constructor(private readonly s: SmsSettings & { kind: 'tencent' }) {
    const endpoint = new URL(s.endpoint ?? 'https://sms.tencentcloudapi.com');
    this.client = new tencentSms.v20210111.Client({
      credential: { secretId: s.secretId, secretKey: s.secretKey },
      region: s.region,
      profile: { httpProfile: { endpoint: endpoint.host, protocol: endpoint.protocol + '//' } },
    });
  }

  async send(phone: string, templateKey: string, params: NotificationParams, meta: SendMeta) {
    const t = templateFor(this.s.templates, templateKey);
    const answer = await this.client.SendSms({
      PhoneNumberSet: [e164(phone)],
      SmsSdkAppId: this.s.appId,
      SignName: this.s.signName,
      TemplateId: t.id,
      TemplateParamSet: paramsFor(t, params).map(([, v]) => v),
      SessionContext: meta.idempotencyKey,
    });
    const status = answer.SendStatusSet?.[0];
    if (status?.Code !== 'Ok')
      throw new Error(`Tencent Cloud SMS refused: ${status?.Code} ${status?.Message ?? ''}`);
    return { ref: `tencent:${status.SerialNo ?? ''}` };
  }
}

/**
 * A government's own SMS platform: one POST of JSON
 * `{to, template, templateId, params, idempotencyKey}` with the key also in `Idempotency-Key`
 * and the token as `Authorization: Bearer …`; any 2xx is accepted (its `id`, if any, kept).
 */
export class HttpSmsProvider implements NotificationProvider {
  constructor(private readonly s: SmsSettings & { kind: 'http' }) {}

  async send(phone: string, templateKey: string, params: NotificationParams, meta: SendMeta) {
    const t = this.s.templates[templateKey];
    const res = await fetch(this.s.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': meta.idempotencyKey,
        ...(this.s.token ? { authorization: `Bearer ${this.s.token}` } : {}),
      },
      body: JSON.stringify({
        to: e164(phone),
        template: templateKey,
        templateId: t?.id ?? null,
        params: t ? Object.fromEntries(paramsFor(t, params)) : params,
        idempotencyKey: meta.idempotencyKey,
      }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`SMS gateway answered ${res.status}: ${text.slice(0, 200)}`);
    let id: unknown;
    try {
      id = (JSON.parse(text) as { id?: unknown }).id;
    } catch {
      id = undefined;
    }
    return { ref: `http:${typeof id === 'string' || typeof id === 'number' ? id : meta.idempotencyKey}` };
  }
}

/** The provider the settings choose; the log provider (the demo's) when none is set. */
export function makeSmsProvider(s: SmsSettings | undefined, log: FastifyBaseLogger): NotificationProvider {
  switch (s?.kind) {
    case 'aliyun':
      return new AliyunSmsProvider(s);
    case 'tencent':
      return new TencentSmsProvider(s);
    case 'http':
      return new HttpSmsProvider(s);
    default:
      return new LogProvider(log);
  }
}
