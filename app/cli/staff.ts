import { createStaffAccount, findStaffByEmail, isPlausibleEmail, resetStaffPassword, resetStaffTotp } from "~/services/staff/accounts.server";
import { DEMO_STAFF } from "~/services/demo/staff.server";
import { totpCode } from "~/services/staff/totp.server";
import { isStaffRole } from "~/services/staff/roles";
import { routeAccessMarkdown } from "~/services/staff/route-access";
import { CLI_ACTOR, CliUsageError, parseOptions, type CliCommand } from "./types";

const cliChanger = () => ({ kind: "cli" as const, name: CLI_ACTOR.actorId });

function requireEmail(email: string | undefined): string {
  if (!email) throw new CliUsageError("--email is required");
  if (!isPlausibleEmail(email.trim())) throw new CliUsageError(`not an email address: ${email}`);
  return email.trim();
}

function printCredentials(lines: { oneTimePassword?: string; totpSecret?: string; otpauthUri?: string }) {
  if (lines.oneTimePassword) console.info(`  one-time password: ${lines.oneTimePassword}   (to be replaced at the first sign-in)`);
  if (lines.totpSecret) {
    console.info(`  TOTP set-up key:   ${lines.totpSecret}   (SHA-1, 6 digits, 30 s)`);
    console.info(`  otpauth URI:       ${lines.otpauthUri}`);
  }
  console.info("Hand these over privately; they are not shown again.");
}

/** `npm run cli -- staff …` */
export const staffCommands: CliCommand[] = [
  {
    name: "staff create",
    usage: "--email <e> --role agent|supervisor|admin   (prints a one-time password and the TOTP set-up key)",
    async run(ctx, args) {
      const o = parseOptions(args, { email: { type: "string" }, role: { type: "string" } });
      const email = requireEmail(o.email);
      if (!isStaffRole(o.role)) throw new CliUsageError("--role must be agent, supervisor or admin");
      const result = await createStaffAccount(ctx, cliChanger(), { email, role: o.role });
      if (!result.ok) {
        console.error(`An account with the email ${email.toLowerCase()} already exists.`);
        return 1;
      }
      console.info(`Created ${result.user.role} ${result.user.email} (id ${result.user.id}).`);
      printCredentials(result);
      return 0;
    },
  },
  {
    name: "staff reset",
    usage:
      "--email <e> [--password] [--totp]   (new one-time password and/or TOTP key; both when neither is named). The only way to reset an admin account; the other admins are emailed",
    async run(ctx, args) {
      const o = parseOptions(args, { email: { type: "string" }, password: { type: "boolean" }, totp: { type: "boolean" } });
      const email = requireEmail(o.email);
      const user = await findStaffByEmail(ctx, email);
      if (!user) {
        console.error(`No account with the email ${email.toLowerCase()}.`);
        return 1;
      }
      const both = !o.password && !o.totp;
      const out: { oneTimePassword?: string; totpSecret?: string; otpauthUri?: string } = {};
      // One email to the other admins for the whole reset (decision 073): sent by the last step.
      if (both || o.password) {
        const r = await resetStaffPassword(ctx, cliChanger(), user.id, { notifyAdmins: !(both || o.totp) });
        if (r.ok) out.oneTimePassword = r.oneTimePassword;
      }
      if (both || o.totp) {
        const r = await resetStaffTotp(ctx, cliChanger(), user.id);
        if (r.ok) Object.assign(out, { totpSecret: r.totpSecret, otpauthUri: r.otpauthUri });
      }
      console.info(`Reset ${user.role} account ${user.id}; open sessions ended; audited.`);
      if (user.role === "admin") console.info("Every other active admin is told by email (no secret in it).");
      printCredentials(out);
      return 0;
    },
  },
  {
    name: "staff totp",
    usage: "--email <e>   (the current code of a DEMO account; refused for real accounts and in production)",
    async run(_ctx, args) {
      return printDemoTotp(process.env.NODE_ENV === "production", args);
    },
    // From the fixed demo secrets: no database, so it works while `npm start` holds the embedded one.
    withoutDatabase: (config, args) => printDemoTotp(config.env === "production", args),
  },
  {
    name: "staff routes",
    usage: "  (prints the staff route / role table as markdown, for the README)",
    withoutDatabase: async () => {
      console.info(routeAccessMarkdown());
      return 0;
    },
    async run() {
      console.info(routeAccessMarkdown());
      return 0;
    },
  },
];

async function printDemoTotp(production: boolean, args: string[]): Promise<number> {
  const o = parseOptions(args, { email: { type: "string" } });
  const email = requireEmail(o.email).toLowerCase();
  if (production) {
    console.error("Refused: demo codes are never printed in production.");
    return 1;
  }
  const demo = DEMO_STAFF.find((d) => d.email === email);
  if (!demo) {
    console.error("Refused: only the seeded demo accounts have their code printed. Real accounts use their authenticator app.");
    return 1;
  }
  const now = new Date();
  const secondsLeft = 30 - (Math.floor(now.getTime() / 1000) % 30);
  console.info(`${totpCode(demo.totpSecret, now)}   (valid for ${secondsLeft} more seconds, and once only)`);
  return 0;
}
