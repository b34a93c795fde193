/**
 * Text that PostgreSQL cannot store never reaches a resolver: a NUL character in any string
 * variable or string literal is BAD_USER_INPUT naming where it is (PostgreSQL's text type refuses
 * NUL, which would otherwise surface as an internal error).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, Kind, visit } from 'graphql';
import { AppError } from './errors.js';

type Path = Array<string | number>;

function findNul(value: unknown, path: Path, found: Path[]): void {
  if (found.length >= 10) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      findNul(item, [...path, i], found);
    });
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) findNul(item, [...path, key], found);
  }
}

/** Per parsed document: Apollo hands the same DocumentNode to every request with the same text. */
const literalNul = new WeakMap<DocumentNode, boolean>();

function literalHasNul(document: DocumentNode): boolean {
  const known = literalNul.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    [Kind.STRING](node) {
      if (node.value.includes('\u0000')) found = true;
    },
  });
  literalNul.set(document, found);
  return found;
}

export function inputHygienePlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const found: Path[] = [];
          findNul(request.variables ?? {}, ['variables'], found);
          if (found.length || literalHasNul(document)) {
            throw new AppError('BAD_USER_INPUT', 'Text may not contain NUL characters.', {
              paths: found.length ? found : [['query']],
              http: { status: 400 },
            });
          }
        },
      };
    },
  };
}
