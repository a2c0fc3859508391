/**
 * "Import (JSON)" on the options page: a button over a hidden file input. The chosen file goes to
 * `onFile`; the input is cleared after, so choosing the same file again imports it again.
 */
export function ImportJsonButton({ label, testId, onFile }: { label: string; testId: string; onFile: (file: File) => Promise<void> }) {
  return (
    <label class="btn">
      {label}
      <input
        type="file"
        accept="application/json,.json"
        data-testid={testId}
        class="sr-only"
        onChange={(e) => {
          const input = e.target as HTMLInputElement;
          const file = input.files?.[0];
          if (file) void onFile(file).finally(() => (input.value = ''));
        }}
      />
    </label>
  );
}
