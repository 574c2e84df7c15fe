import { createSocket } from 'node:dgram';
import { startXRayDaemonSink } from './xray-daemon-sink';

describe('the benchmarks’ X-Ray daemon stand-in', () => {
  it('keeps the segment document of each datagram, without its header line', async () => {
    const sink = await startXRayDaemonSink();
    const client = createSocket('udp4');
    try {
      const [host, port] = sink.address.split(':') as [string, string];
      const documents = [
        { name: 'DynamoDB', type: 'subsegment' },
        { name: '## main.handler', type: 'subsegment' },
      ];
      for (const document of documents) {
        client.send(
          `{"format":"json","version":1}\n${JSON.stringify(document)}`,
          Number(port),
          host,
        );
      }
      await sink.received(2);
      expect(sink.documents()).toEqual(expect.arrayContaining(documents));
      expect(sink.documents()).toHaveLength(2);
    } finally {
      client.close();
      await sink.close();
    }
  });
});
