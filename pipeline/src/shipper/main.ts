import { shipperConfigFromEnv } from './config';
import { Shipper } from './shipper';

/** The shipper process `npm start` runs where Vector is not installed. */
function main(): void {
  const config = shipperConfigFromEnv();
  const shipper = new Shipper(config, (line) => console.log(`[shipper] ${line}`));
  // The batch in flight finishes (or, with ClickHouse down, is left to the next start) before exit.
  process.on('SIGTERM', () => shipper.stop());
  process.on('SIGINT', () => shipper.stop());
  const { metricsPort } = config;
  if (metricsPort !== undefined)
    shipper.metrics.serve('127.0.0.1', metricsPort).then(
      () => console.log(`[shipper] metrics at http://127.0.0.1:${metricsPort}/metrics`),
      (error: unknown) => {
        console.error(`[shipper] cannot serve metrics on port ${metricsPort}: ${String(error)}`);
        process.exit(1);
      },
    );
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
