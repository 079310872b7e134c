import { camel, componentName, kebab, pascal, snake } from './names.js';
import type { Rng } from './prng.js';
import { BASE_FAULTS, type BaseFault, FRAMEWORK_FRAMES, OBJECTS, OPERATIONS, PRODUCTS, type ProductShape, REASONS, ROLES, SETTINGS, TRIGGERS } from './shapes.js';

/** Articles per confusable group: they share product, exception, component and library frames. */
export const GROUP_SIZE = 4;

/** Everything an article is about; queries are made from the same facts with other variable values. */
export interface Fault {
  index: number;
  group: number;
  member: number;
  product: ProductShape;
  base: BaseFault;
  /** The group's made-up component (`Brivtam`). */
  component: string;
  /** This member's class in it (`BrivtamDispatcher`). */
  cls: string;
  role: string;
  operation: string;
  object: string;
  reason: string;
  trigger: string;
  setting: string;
  /** The error message with `{host}`-style variables still in it. */
  message: string;
  /** Optional product exception wrapping the base one. */
  wrapper: string | null;
  logger: string;
  /** Frame specs, top first: the library that throws, this member's own code, the group's shared code. */
  libFrames: string[];
  ownFrames: string[];
  groupFrames: string[];
  /** Framework frames this article's trace runs through. */
  framework: string[];
}

const MESSAGE_SHAPES = [
  (f: MessageParts) => `${f.head} while trying to ${f.op} ${f.object} '{id}' on {host}:{port}: ${f.reason}`,
  (f: MessageParts) => `${f.head}: could not ${f.op} ${f.object} {id} (${f.reason}) after {n} attempts`,
  (f: MessageParts) => `${f.head} [${f.component}] ${f.op} of ${f.object} '{path}' aborted: ${f.reason}`,
  (f: MessageParts) => `${f.head} - ${f.cls} failed to ${f.op} ${f.object} for {user} in {ms} ms: ${f.reason}`,
];

interface MessageParts {
  head: string;
  op: string;
  object: string;
  reason: string;
  component: string;
  cls: string;
}

/** The facts of article `index` of the corpus with this seed. Pure: same input, same fault. */
export function faultOf(index: number, groupRng: Rng, memberRng: Rng): Fault {
  const group = Math.floor(index / GROUP_SIZE);
  const member = index % GROUP_SIZE;
  const product = groupRng.pick(PRODUCTS);
  const base = groupRng.pick(BASE_FAULTS[product.stack]);
  const component = componentName(group);
  // Members of a group differ in role, operation and reason; drawn without repetition from the group's stream.
  const roles = groupRng.sample(ROLES, GROUP_SIZE);
  const reasons = groupRng.sample(REASONS, GROUP_SIZE);
  const operations = groupRng.sample(OPERATIONS, GROUP_SIZE);
  const sharedObject = groupRng.pick(OBJECTS);
  const groupFrames = groupRng.sample(['Service', 'Facade', 'Job', 'Task', 'Action', 'Controller'], 3).map((r) => frameSpec(product, component, r, groupRng.pick(['execute', 'run', 'handle', 'process', 'doFilter'])));
  const framework = groupRng.sample(FRAMEWORK_FRAMES[product.stack], Math.min(10, FRAMEWORK_FRAMES[product.stack].length));

  const role = roles[member]!;
  const operation = operations[member]!;
  const object = memberRng.chance(0.5) ? sharedObject : memberRng.pick(OBJECTS);
  const reason = reasons[member]!;
  const cls = `${component}${role}`;
  const message = memberRng.pick(MESSAGE_SHAPES)({ head: base.head, op: operation, object, reason, component, cls });
  const wrapper = product.stack === 'java' && memberRng.chance(0.5) ? `${product.pkg}.${component.toLowerCase()}.${component}${pascal(operation)}Exception` : null;
  const ownMethods = [camel(`${operation} ${object}`), camel(`do ${operation}`), camel(`${operation} internal`)];
  return {
    index,
    group,
    member,
    product,
    base,
    component,
    cls,
    role,
    operation,
    object,
    reason,
    trigger: memberRng.pick(TRIGGERS),
    setting: memberRng.pick(SETTINGS),
    message,
    wrapper,
    logger: loggerOf(product, component, role),
    libFrames: base.frames.slice(),
    ownFrames: ownMethods.slice(0, memberRng.int(2, 3)).map((m) => frameSpec(product, component, role, m)),
    groupFrames,
    framework,
  };
}

function loggerOf(p: ProductShape, component: string, role: string): string {
  if (p.stack === 'java' || p.stack === 'dotnet') return `${p.pkg}.${component.toLowerCase()}.${component}${role}`;
  if (p.stack === 'python') return `${p.pkg}.${component.toLowerCase()}.${snake(role)}`;
  return `${p.service}/${component.toLowerCase()}`;
}

/** A frame spec in the stack's own notation (see render-trace.ts for how each is printed). */
export function frameSpec(p: ProductShape, component: string, role: string, method: string): string {
  switch (p.stack) {
    case 'java':
      return `${p.pkg}.${component.toLowerCase()}.${component}${role}.${method}`;
    case 'dotnet':
      return `${p.pkg}.${component}.${component}${role}.${pascal(method)}`;
    case 'node':
      return `${component}${role}.${method}@${p.pkg}/${component.toLowerCase()}/${kebab(role)}`;
    case 'python':
      return `${component.toLowerCase()}_${snake(role)}.${snake(method.replace(/([A-Z])/g, ' $1'))}`;
    case 'go':
      return `${p.pkg}/${component.toLowerCase()}.(*${role}).${pascal(method)}`;
  }
}
