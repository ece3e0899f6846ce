// The check helpers of the JS API tests under Node: each check prints "ok" or "FAIL" with its
// reason and the run goes on; done() exits non-zero when any failed.
import assert from 'node:assert/strict';

let failures = 0;

export async function check(what, body) {
  try {
    await body();
    console.log(`ok   ${what}`);
  } catch (e) {
    failures += 1;
    console.log(`FAIL ${what}: ${e.message}`);
  }
}

// `promise` rejects with an Error whose message is one line matching `pattern`.
export async function rejects(what, promise, pattern) {
  await check(what, async () => {
    await assert.rejects(promise, (e) => {
      assert.ok(e instanceof Error, 'not an Error');
      assert.match(e.message, pattern);
      assert.ok(!e.message.includes('\n'), `more than one line: ${e.message}`);
      return true;
    });
  });
}

export function done(name) {
  if (failures > 0) {
    console.log(`${name}: ${failures} failed`);
    process.exit(1);
  }
}
