/** One line of `etcdctl member list`. */
export interface EtcdMember {
  /** Hex, as etcdctl prints and takes it (`member remove <id>`). */
  readonly id: string;
  /** False for a member that was added but has not joined yet (its name is then empty). */
  readonly started: boolean;
  readonly name: string;
  readonly peerUrls: readonly string[];
  readonly clientUrls: readonly string[];
  readonly learner: boolean;
}

/**
 * Parses `etcdctl member list -w simple`: `ID, status, name, peer URLs, client URLs, learner`
 * with `, ` between fields and `,` between URLs. The simple format is used because JSON
 * prints the 64-bit IDs as numbers, which JavaScript cannot hold exactly.
 */
export function parseMemberList(stdout: string): EtcdMember[] {
  return stdout.split('\n').filter((line) => line.trim() !== '').map((line) => {
    const fields = line.split(', ').map((field) => field.trim());
    const [id, status, name, peers, clients, learner] = fields;
    if (id === undefined || !/^[0-9a-f]+$/u.test(id) || (status !== 'started' && status !== 'unstarted')) {
      throw new SyntaxError(`unexpected line in etcdctl member list: ${line}`);
    }
    return {
      id,
      started: status === 'started',
      name: name ?? '',
      peerUrls: splitUrls(peers),
      clientUrls: splitUrls(clients),
      learner: learner === 'true',
    };
  });
}

function splitUrls(field: string | undefined): string[] {
  return (field ?? '').split(',').map((url) => url.trim()).filter((url) => url !== '');
}

export function memberWithPeerUrl(members: readonly EtcdMember[], peerUrl: string): EtcdMember | undefined {
  return members.find((member) => member.peerUrls.includes(peerUrl));
}
