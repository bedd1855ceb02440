/** Just enough of a Dockerfile reader to check what an image is built from, without Docker. */
export interface DockerStage {
  name: string;
  image: string;
  instructions: Array<{ keyword: string; args: string }>;
}

export interface DockerCopy {
  from: string | undefined;
  sources: string[];
  destination: string;
}

export function parseDockerfile(text: string): DockerStage[] {
  const stages: DockerStage[] = [];
  const logicalLines = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  for (const line of logicalLines) {
    const [keyword, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const [image, as, name] = rest;
      stages.push({ name: as?.toUpperCase() === 'AS' ? name : String(stages.length), image, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (stage === undefined) throw new Error(`Dockerfile: ${keyword} before FROM`);
    stage.instructions.push({ keyword: keyword.toUpperCase(), args });
  }
  return stages;
}

export function copiesOf(stage: DockerStage): DockerCopy[] {
  return stage.instructions
    .filter((instruction) => instruction.keyword === 'COPY')
    .map(({ args }) => {
      const words = args.split(/\s+/);
      const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
      const paths = words.filter((word) => !word.startsWith('--'));
      return { from, sources: paths.slice(0, -1), destination: paths.at(-1) ?? '' };
    });
}

/** `.dockerignore` entries as path prefixes (all this project's file uses). */
export function isDockerIgnored(relativePath: string, patterns: string[]): boolean {
  const normalised = relativePath.replace(/^\.\//, '');
  return patterns.some((pattern) => normalised === pattern || normalised.startsWith(`${pattern}/`));
}

/** Literal values given to a variable in docs (`NAME=value`, `NAME: value`), not `$REFERENCES` or `<placeholders>`. */
export function literalAssignments(text: string, name: string): string[] {
  const pattern = new RegExp(`${name}\\s*[=:]\\s*["']?([^\\s"'\`]+)`, 'g');
  return [...text.matchAll(pattern)].map((match) => match[1]).filter((value) => !/^[$<]/.test(value) && !value.startsWith('${'));
}
