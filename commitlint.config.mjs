// Conventional Commits (https://www.conventionalcommits.org/en/v1.0.0/): one type per commit,
// an optional scope naming the project, a subject that says what changed.
export default { extends: ['@commitlint/config-conventional'] };
