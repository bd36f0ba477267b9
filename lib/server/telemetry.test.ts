import { describe, expect, it, vi } from 'vitest';
import { parseConfig } from '@/lib/config.js';
import { startTracing, tracingOptions } from './telemetry';

describe('OpenTelemetry tracing', () => {
  it('is off when no collector is configured: nothing is registered', () => {
    const config = parseConfig({ DATA_DIR: 'data/test-telemetry', SESSION_SECRET: 'x'.repeat(32) });
    const register = vi.fn();
    expect(tracingOptions(config)).toBeUndefined();
    expect(startTracing(config, register)).toBe(false);
    expect(register).not.toHaveBeenCalled();
  });

  it('is on when OTEL_EXPORTER_OTLP_ENDPOINT is set: traces go to its /v1/traces under the service name', () => {
    const config = parseConfig({
      DATA_DIR: 'data/test-telemetry',
      SESSION_SECRET: 'x'.repeat(32),
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector.internal:4318/',
      OTEL_SERVICE_NAME: 'vestibule-eu',
    });
    const register = vi.fn();
    expect(startTracing(config, register)).toBe(true);
    expect(register).toHaveBeenCalledTimes(1);
    const options = register.mock.calls[0]![0] as NonNullable<ReturnType<typeof tracingOptions>>;
    expect(options.serviceName).toBe('vestibule-eu');
    expect(options.instrumentations).toContain('fetch');
    // The exporter keeps its target private; what it posts to is the contract with the collector.
    expect(JSON.stringify(options.traceExporter)).toContain('http://collector.internal:4318/v1/traces');
  });

  it('refuses a collector address that is not a URL, naming the variable', () => {
    expect(() =>
      parseConfig({ SESSION_SECRET: 'x'.repeat(32), OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }),
    ).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });
});
