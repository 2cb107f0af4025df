// Redrive asks first: a dialog names the subscription, the reason and how many dead letters go back, and only its
// confirm button posts (with confirm: true, which the server requires).
import { postJson } from './api.js';
import { status } from './dom.js';

/**
 * How many dead letters a redrive of (subscription, reason) sends: the server matches reasons that contain the text,
 * so every row of the subscription whose reason contains it counts, less what was redriven before.
 */
export function redriveCount(rows, subscription, reason) {
  const text = reason.toLowerCase();
  return rows.filter(row => row.subscription === subscription && row.reason.toLowerCase().includes(text))
    .reduce((sum, row) => sum + row.count - row.redriven, 0);
}

// The outcome goes to the section's .action line, which refreshes leave alone.
const said = (section, text, isError = false) => status(section, text, isError, '.action');

export function askToRedrive(config, section, row, rows, refresh) {
  const dialog = document.getElementById('redrive-dialog');
  const count = redriveCount(rows, row.subscription, row.reason);
  document.getElementById('redrive-summary').textContent =
    `Send ${count} dead letter(s) of subscription “${row.subscription}” whose reason contains “${row.reason}” back to delivery? `
    + 'Receivers will get these events again.';
  document.getElementById('redrive-key-label').hidden = !config.operatorKeyRequired;
  dialog.returnValue = '';
  dialog.addEventListener('close', async () => {
    if (dialog.returnValue !== 'confirm') {
      said(section, 'Redrive cancelled.');
      return;
    }
    const key = document.getElementById('redrive-key').value;
    const headers = { [config.requestedByHeader]: 'streams-ui', ...(key ? { Authorization: `Bearer ${key}` } : {}) };
    try {
      const result = await postJson('api/deadletters/redrive', { subscription: row.subscription, reason: row.reason, confirm: true }, headers);
      said(section, `Redrove ${result.redriven} dead letter(s) to ${result.topic}; ${result.alreadyRedriven} were redriven before.`);
      await refresh();
    } catch (error) {
      said(section, `Redrive failed: ${error.message}`, true);
    }
  }, { once: true });
  dialog.showModal();
}
