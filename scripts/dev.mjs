#!/usr/bin/env node
// npm run dev — Vestibule in development. In local mode (the default) it starts the emulator of
// Microsoft's cloud first, waits until it is healthy, then starts `next dev` and prints where to go.
// Stopping it (Ctrl-C, SIGTERM) stops every process it started; see serve.mjs.
import { runVestibule } from './serve.mjs';

await runVestibule('dev');
