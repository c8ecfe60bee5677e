import { disableDemoLeftovers, findDemoLeftovers } from "~/services/demo/staff.server";
import { CLI_ACTOR, type CliCommand } from "./types";

/** `npm run cli -- demo …` */
export const demoCommands: CliCommand[] = [
  {
    name: "demo disable",
    usage: "(disables the demo staff accounts and revokes the demo notices: needed before production starts on a database once run as a demo)",
    async run(ctx) {
      const before = await findDemoLeftovers(ctx);
      const done = await disableDemoLeftovers(ctx, { kind: "cli", name: CLI_ACTOR.actorId });
      console.info(`Disabled ${done.staffDisabled} demo staff accounts; revoked ${done.noticesRevoked} demo notices (of ${before.demoNotices}).`);
      if (done.notDisabled.length) {
        console.error(
          `Still enabled: ${done.notDisabled.join(", ")} (the only admin). Create a real admin first (npm run cli -- staff create --role admin …), then run this again.`,
        );
        return 1;
      }
      return 0;
    },
  },
];
