"use client";

import { useEffect, useRef } from "react";
import { parseClipboard } from "@/lib/scenario/edits";
import { useEditor } from "./store";

/** A copy in this browser, for pasting into another scenario when the system clipboard is not readable. */
const LOCAL_CLIPBOARD = "patchbay:clipboard";

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

/**
 * Ctrl/Cmd+S saves, Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z (or Ctrl+Y) redoes, and copy/paste of modules
 * works through the clipboard, so modules move between scenarios and browser tabs. Keys typed into a
 * field keep their usual meaning there, except save.
 */
export function useEditorShortcuts({ canEdit, onSave, onProblem }: { canEdit: boolean; onSave: () => void; onProblem: (message: string | null) => void }) {
  const latest = useRef({ canEdit, onSave, onProblem });
  useEffect(() => {
    latest.current = { canEdit, onSave, onProblem };
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (!mod) return;
      const key = e.key.toLowerCase();
      if (key === "s") {
        e.preventDefault();
        latest.current.onSave();
        return;
      }
      if (!latest.current.canEdit || typingIn(e.target)) return;
      if (key === "z" && !e.shiftKey) {
        e.preventDefault();
        useEditor.getState().undo();
      } else if ((key === "z" && e.shiftKey) || key === "y") {
        e.preventDefault();
        useEditor.getState().redo();
      }
    };
    const onCopy = (e: ClipboardEvent) => {
      if (typingIn(e.target) || window.getSelection()?.toString()) return;
      const clip = useEditor.getState().copySelection();
      if (!clip) return;
      const text = JSON.stringify(clip);
      e.clipboardData?.setData("text/plain", text);
      e.preventDefault();
      try {
        localStorage.setItem(LOCAL_CLIPBOARD, text);
      } catch {
        // Storage full or disabled: the system clipboard still has it.
      }
      latest.current.onProblem(null);
    };
    const onPaste = (e: ClipboardEvent) => {
      if (!latest.current.canEdit || typingIn(e.target)) return;
      const text = e.clipboardData?.getData("text/plain") || localStorage.getItem(LOCAL_CLIPBOARD) || "";
      const clip = parseClipboard(text);
      if (!clip) return;
      e.preventDefault();
      useEditor.getState().paste(clip);
    };
    window.addEventListener("keydown", onKey);
    document.addEventListener("copy", onCopy);
    document.addEventListener("paste", onPaste);
    return () => {
      window.removeEventListener("keydown", onKey);
      document.removeEventListener("copy", onCopy);
      document.removeEventListener("paste", onPaste);
    };
  }, []);
}
