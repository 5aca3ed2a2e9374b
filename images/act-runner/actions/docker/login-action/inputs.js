// An action's inputs, as the runner passes them: INPUT_<NAME> in the environment.
exports.input = (name) => (process.env[`INPUT_${name.toUpperCase()}`] || '').trim();
