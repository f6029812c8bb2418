import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react';

interface FieldProps {
  label: ReactNode;
  /** Shown under the control and linked with aria-describedby. */
  hint?: ReactNode;
  /** A validation message: marks the control aria-invalid and is read with it. */
  error?: string | undefined;
  /** One control (input, select, textarea); it gets the id, aria-invalid and aria-describedby. */
  children: ReactElement<Record<string, unknown>>;
  className?: string;
}

/** A labelled form control with its hint and error, wired for assistive technology. */
export function Field({ label, hint, error, children, className }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const control = isValidElement(children)
    ? cloneElement(children, { id: (children.props.id as string | undefined) ?? id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })
    : children;
  const controlId = (children.props.id as string | undefined) ?? id;
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={controlId}>{label}</label>
      {control}
      {hint ? (
        <span id={hintId} className="hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={errorId} className="error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
