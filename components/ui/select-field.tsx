import type { SelectHTMLAttributes } from "react";
import { Field, type FieldProps } from "./field";

export interface SelectOption {
  value: string;
  label: string;
}

export type SelectFieldProps = Omit<FieldProps, "children"> &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "className"> & { options: readonly SelectOption[] };

export function SelectField({ label, hint, error, options, ...select }: SelectFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <select {...select} {...control}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
