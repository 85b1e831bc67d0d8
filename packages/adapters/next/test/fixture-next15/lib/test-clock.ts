// TEST ONLY: the request header the Next 15 harness puts the frozen clock in (epoch milliseconds). The Edge
// middleware cannot read LOCKSTEP_TEST_CLOCK_FILE, and its `process.env` is a copy taken at start. Its own
// module, so the harness reads the name without loading the fixture's options (and their imports).
export const TEST_CLOCK_HEADER = 'x-lockstep-test-clock';
