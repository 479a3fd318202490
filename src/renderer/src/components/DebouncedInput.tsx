/**
 * A text filter that commits after typing pauses (or on Enter), so the list is not refetched on
 * every keystroke; it follows `value` when the URL changes underneath (back button, links).
 */
import { useEffect, useRef, useState } from 'react';

const DEBOUNCE_MS = 250;

interface Props {
  value: string;
  onCommit: (value: string) => void;
  label: string;
  placeholder: string;
  className?: string;
  type?: 'text' | 'search';
  inputRef?: React.Ref<HTMLInputElement>;
  /** Id of a <datalist> of suggestions. */
  list?: string;
  title?: string;
}

export function DebouncedInput({
  value,
  onCommit,
  label,
  placeholder,
  className,
  type = 'text',
  inputRef,
  list,
  title,
}: Props) {
  const [text, setText] = useState(value);
  // Parents re-render on every live row; a fresh callback must not restart the pause timer.
  const commit = useRef(onCommit);
  useEffect(() => {
    commit.current = onCommit;
  }, [onCommit]);

  useEffect(() => setText(value), [value]);

  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => commit.current(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value]);

  return (
    <input
      ref={inputRef}
      type={type}
      className={className}
      aria-label={label}
      placeholder={placeholder}
      value={text}
      list={list}
      title={title}
      onChange={(event) => setText(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && text.trim() !== value) commit.current(text.trim());
      }}
    />
  );
}
