/**
 * Runs code in the extension's content-script world of a tab (the panel's isolated world), the
 * way a compromised or buggy content script would: through CDP, which lists that world as an
 * isolated execution context whose origin is the extension's.
 */
import type { Page } from 'puppeteer';

interface ExecutionContext {
  id: number;
  origin: string;
  name: string;
  auxData?: { type?: string; isDefault?: boolean };
}

export async function evaluateInContentScript<T>(page: Page, extensionId: string, expression: string): Promise<T> {
  const cdp = await page.createCDPSession();
  try {
    const contexts: ExecutionContext[] = [];
    cdp.on('Runtime.executionContextCreated', (event: { context: ExecutionContext }) => contexts.push(event.context));
    await cdp.send('Runtime.enable'); // reports every existing context first
    const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin.includes(extensionId));
    if (!world) throw new Error(`No content-script world of ${extensionId} in ${page.url()} (saw: ${contexts.map((c) => `${c.name}@${c.origin}`).join(', ')})`);
    const result = (await cdp.send('Runtime.evaluate', {
      expression,
      contextId: world.id,
      awaitPromise: true,
      returnByValue: true,
    })) as { result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } };
    if (result.exceptionDetails) {
      throw new Error(`Content-script evaluation failed: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
    }
    return result.result.value as T;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
