// The solving clock (web/static/js/play-clock.js), driven by a fake time source.
import assert from "node:assert/strict";
import { test } from "node:test";

import { makeClock } from "../../web/static/js/play-clock.js";

test("runs only between start and stop, and resumes from a saved time", () => {
  let t = 1000;
  const clock = makeClock(5000, () => t);
  assert.equal(clock.elapsed(), 5000);
  clock.start();
  t += 2000;
  assert.equal(clock.elapsed(), 7000);
  clock.stop();
  t += 9000; // paused or hidden: no time passes
  assert.equal(clock.elapsed(), 7000);
  clock.start();
  clock.start(); // a second start changes nothing
  t += 1000;
  assert.equal(clock.elapsed(), 8000);
  assert.equal(clock.running, true);
});
