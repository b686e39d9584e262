// The privacy scanner every test app carries: every API answer and every log line is checked
// for unmasked resident ID numbers and mobile numbers. A test app whose answers or logs leaked
// one fails when it closes.
import { Writable } from 'node:stream';

const RAW_ID = /(?<![\w*.])\d{17}[\dXx](?![\w*])/;
const RAW_MOBILE = /(?<![\w*.])1[3-9]\d{9}(?![\w*])/;

export function findPersonalData(text: string): string | null {
  const id = text.match(RAW_ID);
  if (id) return `ID number ${id[0].slice(0, 3)}…`;
  const phone = text.match(RAW_MOBILE);
  if (phone) return `mobile number ${phone[0].slice(0, 3)}…`;
  return null;
}

export class PrivacyScanner {
  readonly violations: string[] = [];
  readonly lines: string[] = [];
  /** Log lines go through here; `forward` also receives them (a test's own log stream). */
  logStream(forward?: NodeJS.WritableStream): Writable {
    return new Writable({
      write: (chunk: Buffer, _enc, done) => {
        const text = chunk.toString();
        this.lines.push(text);
        const found = findPersonalData(text);
        if (found) this.violations.push(`log line: ${found}`);
        if (forward) forward.write(chunk);
        done();
      },
    });
  }
  checkAnswer(where: string, payload: unknown): void {
    if (typeof payload !== 'string') return;
    const found = findPersonalData(payload);
    if (found) this.violations.push(`answer of ${where}: ${found}`);
  }
}
