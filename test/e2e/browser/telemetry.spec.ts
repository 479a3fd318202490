/**
 * SPEC 13 in the UI: the Settings card turns telemetry on without a restart and shows the
 * exporter's state; the next agent call reaches a real OTLP receiver.
 */
import { startOtlpReceiver } from '../../support/otlp/otlpReceiver';
import { connectAgent } from './support/mcpAgent';
import { expect, test } from './support/fixtures';

test('Settings turns telemetry on and shows the exporter state', async ({
  switchboard,
  openUi,
}) => {
  const receiver = await startOtlpReceiver();
  try {
    const page = await openUi('#/settings');
    const card = page.getByRole('form', { name: 'Telemetry' });
    await expect(card.getByTestId('telemetry-state')).toHaveText('Exporter: off');

    await card.getByLabel('Collector address').fill('collector:4318');
    await card.getByRole('button', { name: 'Save telemetry' }).click();
    await expect(card.getByRole('alert')).toContainText('Collector address');

    await card.getByLabel('Collector address').fill(receiver.endpoint);
    await card.getByRole('button', { name: 'Save telemetry' }).click();
    await expect(card.getByTestId('telemetry-state')).toContainText(receiver.endpoint);

    const agent = await connectAgent(switchboard, 'Claude Desktop');
    try {
      await agent.call('everything__echo', { message: 'traced' });
    } finally {
      await agent.close();
    }
    await receiver.waitForSpans((spans) =>
      spans.some((span) => span.name === 'tools/call everything__echo'),
    );
    await page.reload();
    await expect(
      page.getByRole('form', { name: 'Telemetry' }).getByTestId('telemetry-state'),
    ).toContainText(/[1-9]\d* exported/);
  } finally {
    await receiver.close();
  }
});
