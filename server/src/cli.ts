/** `npm run kring -- <command>`: administrative commands. Arrives with the accounts issue. */
process.stderr.write('kring: no commands yet\n');
process.exit(1);
