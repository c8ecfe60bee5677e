import { z } from "zod";
import { STAFF_ROLES } from "./roles";

/** The sign-in forms (one route, three steps) and the admin staff form. Field names = input names. */
export const PasswordStepSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").max(254, "Enter your email address."),
  password: z.string().min(1, "Enter your password.").max(1024, "Enter your password."),
});

export const TotpStepSchema = z.object({
  code: z
    .string()
    .transform((s) => s.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app.")),
});

export const NewPasswordStepSchema = z.object({
  password: z.string().min(1, "Enter a new password.").max(1024, "Use at most 256 characters."),
  confirm: z.string().min(1, "Enter the new password again."),
});

export const STAFF_ADMIN_INTENTS = ["invite", "revoke-invite", "role", "disable", "enable", "reset-totp", "reset-password"] as const;
export type StaffAdminIntent = (typeof STAFF_ADMIN_INTENTS)[number];

export const CreateStaffSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter the email address of the new staff member.")
    .max(254)
    .regex(/^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/, "Enter an email address like name@example.org."),
  role: z.enum(STAFF_ROLES, { errorMap: () => ({ message: "Choose a role." }) }),
});

/** The invitation form (admin staff page): the same fields as the CLI's `staff create`. */
export const InviteStaffSchema = CreateStaffSchema;
export const InvitationTargetSchema = z.object({ invitationId: z.string().uuid() });

/** The public invitation page: a password twice and the first code from the authenticator app. */
export const AcceptInvitationSchema = NewPasswordStepSchema.extend({
  confirm: z.string().min(1, "Enter the password again.").max(1024, "Use at most 256 characters."),
  code: TotpStepSchema.shape.code,
});

export const StaffTargetSchema = z.object({ userId: z.string().uuid() });
export const ChangeRoleSchema = StaffTargetSchema.extend({
  role: z.enum(STAFF_ROLES, { errorMap: () => ({ message: "Choose a role." }) }),
});

/** zod issues → the error summary's `{ field, message }` list. */
export function fieldErrors(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((i) => ({ field: String(i.path[0] ?? "form"), message: i.message }));
}
