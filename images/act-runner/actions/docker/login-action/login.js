const { execFileSync } = require('child_process');
const { input } = require('./inputs');

const registry = input('registry');
const username = input('username');
const password = input('password');
if (!username || !password) {
  console.log('::error::Username and password required');
  process.exit(1);
}
try {
  execFileSync(
    'docker',
    ['login', ...(registry ? [registry] : []), '--username', username, '--password-stdin'],
    { input: password, stdio: ['pipe', 'inherit', 'inherit'] },
  );
} catch (error) {
  process.exit(error.status || 1);
}
