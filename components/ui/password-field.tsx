"use client";

import { useState } from "react";
import { Button } from "./button";
import { addonRowClass, Field, type TextFieldProps } from "./field";

/** A password input with a show/hide toggle, so people can check what they typed before submitting. */
export function PasswordField({ label, hint, error, ...input }: Omit<TextFieldProps, "type">) {
  const [visible, setVisible] = useState(false);
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <div className={addonRowClass}>
          <input {...input} {...control} type={visible ? "text" : "password"} />
          <Button variant="secondary" onClick={() => setVisible((v) => !v)}>
            {visible ? "Hide" : "Show"}
            <span className="visually-hidden"> password</span>
          </Button>
        </div>
      )}
    </Field>
  );
}
