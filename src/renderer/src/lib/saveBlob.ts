/** Saves a blob as a browser download (the export's file, a record's response). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click is handled; the download keeps its own reference.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
