import { exportReprints } from "~/services/calls/reprint.server";
import { CLI_ACTOR, CliUsageError, parseOptions, type CliCommand } from "./types";

/** `npm run cli -- reprint export --out <csv>`: letters the call center reissued, for the print vendor. */
export const reprintCommands: CliCommand[] = [
  {
    name: "reprint export",
    usage: "--out <csv>   (mailing file of letters reissued since the last export; same columns as the batch mailing file)",
    async run(ctx, args) {
      const o = parseOptions(args, { out: { type: "string" } });
      if (!o.out) throw new CliUsageError("--out is required.");
      const { letters } = await exportReprints(ctx, CLI_ACTOR, o.out);
      console.log(`Wrote ${letters} reissued letter(s) to ${o.out}. Their codes are now only in that file.`);
      return 0;
    },
  },
];
