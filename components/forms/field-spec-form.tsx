"use client";

import type { FieldSpec } from "@/lib/modules/field-spec";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";

/**
 * Inputs drawn from a declarative field spec (text, number, boolean, static select). Sensitive fields are
 * password inputs whose current value is never shown: empty means "keep", a hint says what is stored.
 */
export function FieldSpecInputs({
  fields,
  values,
  onChange,
  errors = {},
  secretHints,
}: {
  fields: readonly FieldSpec[];
  values: Record<string, unknown>;
  onChange: (name: string, value: unknown) => void;
  errors?: Record<string, string>;
  /** When editing: which secrets are stored (last characters), so empty inputs mean "keep". */
  secretHints?: Record<string, string>;
}) {
  return (
    <div className="space-y-3">
      {fields.map((field) => {
        const label = `${field.label}${field.required ? " *" : ""}`;
        const value = values[field.name];
        const error = errors[field.name];
        const hint = field.sensitive && secretHints
          ? secretHints[field.name] ? `Stored (ends ${secretHints[field.name]}); leave empty to keep it.` : "Nothing stored yet."
          : field.help;
        switch (field.type) {
          case "boolean":
            return (
              <label key={field.name} className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={value === true} onChange={(e) => onChange(field.name, e.target.checked)} />
                {label}
              </label>
            );
          case "number":
            return (
              <TextField key={field.name} label={label} type="number" value={value === undefined ? "" : String(value)} error={error} hint={hint}
                onChange={(e) => onChange(field.name, e.target.value === "" ? undefined : Number(e.target.value))} />
            );
          case "select":
            if ("options" in field) {
              return (
                <SelectField key={field.name} label={label} value={typeof value === "string" ? value : String(field.default ?? "")} error={error} hint={hint}
                  onChange={(e) => onChange(field.name, e.target.value)}>
                  {!field.required && field.default === undefined ? <option value="">—</option> : null}
                  {field.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                </SelectField>
              );
            }
            break;
          case "text":
            if (field.multiline && !field.sensitive) {
              return <TextAreaField key={field.name} label={label} rows={3} value={typeof value === "string" ? value : ""} error={error} hint={hint} onChange={(e) => onChange(field.name, e.target.value)} />;
            }
            return (
              <TextField key={field.name} label={label} type={field.sensitive ? "password" : "text"} autoComplete={field.sensitive ? "new-password" : "off"}
                value={typeof value === "string" ? value : ""} error={error} hint={hint} onChange={(e) => onChange(field.name, e.target.value)} />
            );
        }
        return (
          <TextField key={field.name} label={label} value={typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value)} error={error} hint={hint}
            onChange={(e) => onChange(field.name, e.target.value)} />
        );
      })}
    </div>
  );
}
