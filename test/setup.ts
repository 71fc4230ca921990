// Runs before every test file: a cheap bcrypt cost keeps the suite fast; the production cost is checked in env tests.
process.env.BCRYPT_COST ??= "10";
