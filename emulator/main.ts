import { startEmulator } from './index';

// `npm run emulator` (-- --reset to start from the seed with a fresh database).
const reset = process.argv.slice(2).includes('--reset');

startEmulator({ reset })
  .then((emulator) => {
    const stop = (signal: string) => {
      console.log(`Emulator stopping (${signal})`);
      emulator.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  })
  .catch((e: unknown) => {
    console.error('Emulator failed to start:', e instanceof Error ? e.message : e);
    process.exit(1);
  });
