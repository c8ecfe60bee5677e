import type { InputHTMLAttributes } from "react";
import { PASSWORD_MIN_CHARS } from "~/services/staff/password-policy";

/** What a staff form's action answers: one message per field, named by the input's name (= its id, the error summary's link target). */
export type FieldErrors = readonly { field: string; message: string }[];

/** The message under a field's label; its id (`<field>-error`) is what the input's aria-describedby names. */
export function FieldError({ errors, field }: { errors: FieldErrors; field: string }) {
  const message = errors.find((e) => e.field === field)?.message;
  return message ? (
    <span className="usa-error-message" id={`${field}-error`}>
      {message}
    </span>
  ) : null;
}

type InputFieldProps = {
  errors: FieldErrors;
  /** The input's name and id. */
  name: string;
  label: string;
  /** Shown under the label, and read with the input (after the error, so a screen reader says the problem first). */
  hint?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "aria-describedby" | "aria-invalid">;

/**
 * One USWDS text input of a staff form: label, hint, error message, and the input marked invalid
 * (aria-invalid, the red border) while its field has an error. `className` adds to `usa-input`.
 */
export function InputField({ errors, name, label, hint, className, ...input }: InputFieldProps) {
  const invalid = errors.some((e) => e.field === name);
  const describedBy = [invalid ? `${name}-error` : "", hint ? `${name}-hint` : ""].filter(Boolean).join(" ");
  return (
    <div className={invalid ? "usa-form-group usa-form-group--error" : "usa-form-group"}>
      <label className="usa-label" htmlFor={name}>
        {label}
      </label>
      {hint ? (
        <span className="usa-hint" id={`${name}-hint`}>
          {hint}
        </span>
      ) : null}
      <FieldError errors={errors} field={name} />
      <input
        className={["usa-input", invalid ? "usa-input--error" : "", className ?? ""].filter(Boolean).join(" ")}
        id={name}
        name={name}
        aria-describedby={describedBy || undefined}
        aria-invalid={invalid || undefined}
        {...input}
      />
    </div>
  );
}

/** The password rules in a sentence, the same wherever a staff member chooses a password. */
export const NEW_PASSWORD_HINT = `Use at least ${PASSWORD_MIN_CHARS} characters. Three or four words that have nothing to do with each other work well. Common and easy-to-guess passwords are refused.`;

/**
 * A new password and the same again (`password`, `confirm`): the invitation page and the first
 * sign-in. Both are `autocomplete="new-password"` so a password manager offers to generate and
 * save one; the rules are the first field's hint.
 */
export function NewPasswordFields({ errors, labels }: { errors: FieldErrors; labels: { password: string; confirm: string } }) {
  return (
    <>
      <InputField
        errors={errors}
        name="password"
        label={labels.password}
        hint={NEW_PASSWORD_HINT}
        type="password"
        autoComplete="new-password"
        minLength={PASSWORD_MIN_CHARS}
        required
      />
      <InputField errors={errors} name="confirm" label={labels.confirm} type="password" autoComplete="new-password" required />
    </>
  );
}

/** The 6-digit code from the authenticator app (`code`): spaces allowed, as some apps show "123 456". */
export function TotpCodeField({ errors }: { errors: FieldErrors }) {
  return (
    <InputField
      errors={errors}
      name="code"
      label="6-digit code"
      className="usa-input--small"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9 ]*"
      maxLength={7}
      required
    />
  );
}
