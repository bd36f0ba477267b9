import 'server-only';
import { SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import type { CommunicationIdentityClientOptions } from '@azure/communication-identity';
import { OTLPHttpJsonTraceExporter, registerOTel, type Configuration } from '@vercel/otel';
import type { Config } from '@/lib/config.js';

/**
 * OpenTelemetry for Vestibule: inbound requests are traced by Next.js itself, outbound `fetch` calls
 * (Graph, Entra's token endpoint) by @vercel/otel's fetch instrumentation; the two clients that do
 * not use fetch get explicit spans here (ACS identity through the Azure SDK's pipeline, SMTP through
 * nodemailer). Without OTEL_EXPORTER_OTLP_ENDPOINT nothing is registered: the API's spans are no-ops.
 */
export function tracingOptions(config: Pick<Config, 'telemetry'>): Configuration | undefined {
  const telemetry = config.telemetry;
  if (!telemetry) return undefined;
  return {
    serviceName: telemetry.serviceName,
    // The exporter is named explicitly (rather than 'auto', which reads OTEL_* itself) so that
    // lib/config.js stays the one reader of the environment and the one validator of the URL.
    traceExporter: new OTLPHttpJsonTraceExporter({ url: `${telemetry.otlpEndpoint}/v1/traces` }),
    instrumentations: ['fetch'],
  };
}

/** Starts tracing if configured; returns whether it did. Called once, from instrumentation.ts. */
export function startTracing(config: Pick<Config, 'telemetry'>, register = registerOTel): boolean {
  const options = tracingOptions(config);
  if (!options) return false;
  register(options);
  return true;
}

const tracer = () => trace.getTracer('vestibule');

/** Runs `work` inside a client span named `name`; the span records a thrown error and rethrows it. */
export async function withClientSpan<T>(
  name: string,
  attributes: Attributes,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * An Azure SDK pipeline policy that puts each HTTP attempt of an Azure client (the ACS identity
 * client) in a client span: the SDK talks through Node's http module, which the fetch instrumentation
 * does not see. The URL is recorded without its query string (it can carry identifiers).
 */
type PipelinePolicy = NonNullable<CommunicationIdentityClientOptions['additionalPolicies']>[number]['policy'];

export const azureSdkSpanPolicy: PipelinePolicy = {
  name: 'vestibuleTraceSpan',
  sendRequest: (request, next) => {
    const url = new URL(request.url);
    return withClientSpan(
      `${request.method} ${url.host}`,
      { 'http.request.method': request.method, 'url.full': `${url.origin}${url.pathname}`, 'server.address': url.host },
      async (span) => {
        const response = await next(request);
        span.setAttribute('http.response.status_code', response.status);
        return response;
      },
    );
  },
};
