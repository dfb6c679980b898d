import { shipperConfigFromEnv } from './config';
import { Shipper } from './shipper';

/** The shipper process `npm start` runs where Vector is not installed. */
function main(): void {
  const shipper = new Shipper(shipperConfigFromEnv(), (line) => console.log(`[shipper] ${line}`));
  // The batch in flight finishes (or, with ClickHouse down, is left to the next start) before exit.
  process.on('SIGTERM', () => shipper.stop());
  process.on('SIGINT', () => shipper.stop());
  shipper.run().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`[shipper] stopped by an error: ${error instanceof Error ? error.stack : String(error)}`);
      process.exit(1);
    },
  );
}

try {
  main();
} catch (error) {
  console.error(`[shipper] cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
