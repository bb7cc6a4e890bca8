import { createSocket, type Socket } from 'node:dgram';

/**
 * A DNS server for tests (UDP on 127.0.0.1): it answers TXT questions from `records` (name →
 * values; a name not there is NXDOMAIN) and nothing else. The app asks it as it would ask the
 * internet's, through node's resolver pointed at DNS_SERVERS.
 */
export async function startDnsServer(records: Map<string, string[]>): Promise<{ address: string; close(): Promise<void> }> {
  const socket: Socket = createSocket('udp4');
  socket.on('message', (query, peer) => {
    const answer = respond(query, records);
    if (answer) socket.send(answer, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  return { address: `127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
}

function respond(query: Buffer, records: Map<string, string[]>): Buffer | null {
  if (query.length < 17) return null;
  let offset = 12;
  const labels: string[] = [];
  while (offset < query.length && query[offset] !== 0) {
    const length = query[offset]!;
    labels.push(query.subarray(offset + 1, offset + 1 + length).toString('ascii'));
    offset += length + 1;
  }
  const questionEnd = offset + 5; // the zero byte, QTYPE, QCLASS
  const type = query.readUInt16BE(offset + 1);
  const name = labels.join('.').toLowerCase();
  const values = type === 16 ? records.get(name) : undefined;
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // the id
  header.writeUInt16BE(values ? 0x8180 : 0x8183, 2); // a response; NOERROR or NXDOMAIN
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(values?.length ?? 0, 6);
  const answers = (values ?? []).map((value) => {
    const text = Buffer.from(value, 'utf8');
    const rr = Buffer.alloc(12);
    rr.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    rr.writeUInt16BE(16, 2); // TXT
    rr.writeUInt16BE(1, 4); // IN
    rr.writeUInt32BE(0, 6); // TTL
    rr.writeUInt16BE(text.length + 1, 10);
    return Buffer.concat([rr, Buffer.from([text.length]), text]);
  });
  return Buffer.concat([header, query.subarray(12, questionEnd), ...answers]);
}
