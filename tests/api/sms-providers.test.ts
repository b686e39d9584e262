// The real SMS gateways (issue 16): each provider sends through its official SDK (or plain
// HTTP) to a local server that plays the gateway's endpoint and checks the request the SDK
// really signed, recomputing the signature with the secret as the gateway would. No network.
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import type { SmsSettings } from '../../server/src/notifications/sms-config.ts';
import { makeSmsProvider } from '../../server/src/notifications/sms-providers.ts';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
const seen: Seen[] = [];
let answer: (s: Seen) => { status: number; body: unknown } = () => ({ status: 200, body: {} });

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = {
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      seen.push(s);
      const a = answer(s);
      res.writeHead(a.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

const log = { info: () => {} } as never;
const sha256hex = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s).digest();
const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const templates = {
  'appointment.phone_code': { id: 'SMS_900001', params: ['code', 'minutes'] },
};
const params = { hall: '示范政务服务中心', code: '048213', minutes: 30 };
const meta = { idempotencyKey: 'appointment:3f1c:phone-code', attempt: 1 };

describe('Alibaba Cloud SMS (@alicloud/dysmsapi20170525)', () => {
  it('sends a SendSms request signed with ACS3-HMAC-SHA256 that the secret verifies', async () => {
    seen.length = 0;
    answer = () => ({ status: 200, body: { Code: 'OK', Message: 'OK', BizId: '9000^1', RequestId: 'r1' } });
    const settings: SmsSettings = {
      kind: 'aliyun',
      accessKeyId: 'LTAI-test-id',
      accessKeySecret: 'aliyun-test-secret',
      signName: '示范政务',
      templates,
      endpoint: base,
    };
    const ref = await makeSmsProvider(settings, log).send(
      '13912345678',
      'appointment.phone_code',
      params,
      meta,
    );
    expect(ref).toEqual({ ref: 'aliyun:9000^1' });
    expect(seen).toHaveLength(1);
    const s = seen[0]!;
    const url = new URL(s.url, base);
    const q = Object.fromEntries(url.searchParams);
    expect(q).toMatchObject({
      PhoneNumbers: '13912345678',
      SignName: '示范政务',
      TemplateCode: 'SMS_900001',
      TemplateParam: JSON.stringify({ code: '048213', minutes: '30' }),
      OutId: meta.idempotencyKey,
    });
    expect(s.headers['x-acs-action']).toBe('SendSms');
    expect(s.headers['x-acs-version']).toBe('2017-05-25');
    // The gateway's check: rebuild the canonical request from what arrived and sign it.
    const auth = String(s.headers.authorization);
    const m = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)$/.exec(auth);
    expect(m, auth).not.toBeNull();
    expect(m![1]).toBe('LTAI-test-id');
    const signed = m![2]!.split(';');
    expect(signed).toEqual(
      expect.arrayContaining(['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date']),
    );
    expect(s.headers['x-acs-content-sha256']).toBe(sha256hex(s.body));
    const query = [...url.searchParams.keys()]
      .sort()
      .map((k) => `${k}=${rfc3986(url.searchParams.get(k)!)}`)
      .join('&');
    const headers = signed.map((h) => `${h}:${String(s.headers[h]).trim()}\n`).join('');
    const canonical = [
      s.method,
      url.pathname,
      query,
      headers,
      signed.join(';'),
      s.headers['x-acs-content-sha256'],
    ].join('\n');
    const expected = hmac('aliyun-test-secret', `ACS3-HMAC-SHA256\n${sha256hex(canonical)}`).toString('hex');
    expect(m![3]).toBe(expected);
  });

  it('throws (so the outbox retries) when the gateway refuses', async () => {
    answer = () => ({
      status: 200,
      body: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发流控', RequestId: 'r2' },
    });
    const p = makeSmsProvider(
      { kind: 'aliyun', accessKeyId: 'a', accessKeySecret: 'b', signName: 's', templates, endpoint: base },
      log,
    );
    await expect(p.send('13912345678', 'appointment.phone_code', params, meta)).rejects.toThrow(
      /BUSINESS_LIMIT_CONTROL/,
    );
  });
});

describe('Tencent Cloud SMS (tencentcloud-sdk-nodejs-sms)', () => {
  it('sends a SendSms request signed with TC3-HMAC-SHA256 that the secret verifies', async () => {
    seen.length = 0;
    answer = () => ({
      status: 200,
      body: {
        Response: {
          SendStatusSet: [{ Code: 'Ok', Message: 'send success', SerialNo: '2028:1' }],
          RequestId: 'r3',
        },
      },
    });
    const settings: SmsSettings = {
      kind: 'tencent',
      secretId: 'AKID-test',
      secretKey: 'tencent-test-key',
      appId: '1400000001',
      region: 'ap-guangzhou',
      signName: '示范政务',
      templates,
      endpoint: base,
    };
    const ref = await makeSmsProvider(settings, log).send(
      '13912345678',
      'appointment.phone_code',
      params,
      meta,
    );
    expect(ref).toEqual({ ref: 'tencent:2028:1' });
    const s = seen[0]!;
    expect(s.headers['x-tc-action']).toBe('SendSms');
    expect(s.headers['x-tc-version']).toBe('2021-01-11');
    expect(s.headers['x-tc-region']).toBe('ap-guangzhou');
    expect(JSON.parse(s.body)).toEqual({
      PhoneNumberSet: ['+8613912345678'],
      SmsSdkAppId: '1400000001',
      SignName: '示范政务',
      TemplateId: 'SMS_900001',
      TemplateParamSet: ['048213', '30'],
      SessionContext: meta.idempotencyKey,
    });
    const auth = String(s.headers.authorization);
    const m =
      /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]+)$/.exec(
        auth,
      );
    expect(m, auth).not.toBeNull();
    const [, id, date, service, signedHeaders, signature] = m!;
    expect(id).toBe('AKID-test');
    expect(signedHeaders).toBe('content-type;host');
    const url = new URL(s.url, base);
    const canonical = [
      s.method,
      url.pathname,
      url.search.slice(1),
      `content-type:${s.headers['content-type']}\nhost:${url.hostname}\n`,
      signedHeaders,
      sha256hex(s.body),
    ].join('\n');
    const toSign = `TC3-HMAC-SHA256\n${s.headers['x-tc-timestamp']}\n${date}/${service}/tc3_request\n${sha256hex(canonical)}`;
    const kDate = hmac(`TC3tencent-test-key`, date!);
    const kSigning = hmac(hmac(kDate, service!), 'tc3_request');
    expect(signature).toBe(hmac(kSigning, toSign).toString('hex'));
  });
});

describe('a generic HTTP gateway', () => {
  it('posts the message with the idempotency key and the bearer token', async () => {
    seen.length = 0;
    answer = () => ({ status: 202, body: { id: 'gw-77' } });
    const p = makeSmsProvider({ kind: 'http', url: `${base}/sms/send`, token: 'gov-token', templates }, log);
    expect(await p.send('+85291234567', 'appointment.phone_code', params, meta)).toEqual({
      ref: 'http:gw-77',
    });
    const s = seen[0]!;
    expect(s.url).toBe('/sms/send');
    expect(s.headers['idempotency-key']).toBe(meta.idempotencyKey);
    expect(s.headers.authorization).toBe('Bearer gov-token');
    expect(JSON.parse(s.body)).toEqual({
      to: '+85291234567',
      template: 'appointment.phone_code',
      templateId: 'SMS_900001',
      params: { code: '048213', minutes: '30' },
      idempotencyKey: meta.idempotencyKey,
    });
    answer = () => ({ status: 503, body: { error: 'busy' } });
    await expect(p.send('13912345678', 'appointment.phone_code', params, meta)).rejects.toThrow(/503/);
  });
});

describe('choosing the gateway by settings', () => {
  it('keeps the log provider by default and names a missing setting', () => {
    expect(loadConfig({ HALLQ_SECRET: 'x'.repeat(32) }).sms).toEqual({ kind: 'log' });
    expect(() => loadConfig({ HALLQ_SECRET: 'x'.repeat(32), HALLQ_SMS_PROVIDER: 'aliyun' })).toThrow(
      /HALLQ_SMS_ACCESS_KEY_ID/,
    );
    const tencent = loadConfig({
      HALLQ_SECRET: 'x'.repeat(32),
      HALLQ_SMS_PROVIDER: 'tencent',
      HALLQ_SMS_ACCESS_KEY_ID: 'id',
      HALLQ_SMS_ACCESS_KEY_SECRET: 'key',
      HALLQ_SMS_TENCENT_APP_ID: '1400000001',
      HALLQ_SMS_SIGN_NAME: '示范政务',
      HALLQ_SMS_TEMPLATES: JSON.stringify(templates),
    }).sms;
    expect(tencent).toMatchObject({ kind: 'tencent', region: 'ap-guangzhou', templates });
    expect(() =>
      loadConfig({ HALLQ_SECRET: 'x'.repeat(32), HALLQ_SMS_TEMPLATES: '{"a": {"id": ""}}' }),
    ).toThrow(/HALLQ_SMS_TEMPLATES/);
  });
});
