/** Excel opens a UTF-8 file as UTF-8 only with this mark in front. */
export const UTF8_BOM = '\uFEFF';

/**
 * One CSV record (RFC 4180, CRLF). A text that a spreadsheet would run as a formula (starting with
 * =, +, -, @, a tab or a carriage return) gets a leading apostrophe: an export must not execute
 * what a customer typed into its name.
 */
export function csvRecord(values: (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A CSV download streamed as it is read: the header, then each batch of records as the database
 * yields it, so a large export never sits whole in memory.
 */
export function csvResponse(filename: string, header: string[], batches: AsyncIterable<(string | number | null)[][]>): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        controller.enqueue(encoder.encode(UTF8_BOM + csvRecord(header)));
        for await (const batch of batches) controller.enqueue(encoder.encode(batch.map(csvRecord).join('')));
        controller.close();
      } catch (error) {
        console.error('csv export failed', error);
        controller.error(error);
      }
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
