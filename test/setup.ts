// Runs before every test file: a cheap bcrypt cost keeps the suite fast; the production cost is checked in env tests.
process.env.BCRYPT_COST ??= "10";
// The AWS SDK warns once per process that its releases after January 2027 need Node 22; production runs the current
// LTS, and in tests the warning only buries the output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
