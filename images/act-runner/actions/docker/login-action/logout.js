const { execFileSync } = require('child_process');
const { input } = require('./inputs');

// The real action logs out unless told not to; a failed logout is a warning, not a failed job.
if (input('logout') !== 'false') {
  const registry = input('registry');
  try {
    execFileSync('docker', ['logout', ...(registry ? [registry] : [])], { stdio: 'inherit' });
  } catch (error) {
    console.log(`::warning::docker logout failed: ${error.message}`);
  }
}
