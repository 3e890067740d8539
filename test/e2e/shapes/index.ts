import type { Shape } from "../support/shape";
import { esmNodeNext } from "./esm-nodenext";
import { jsEntitySchema } from "./js-entity-schema";
import { nestLike } from "./nest-like";
import { typeormInit } from "./typeorm-init";
import { typeormMigrationsShape } from "./typeorm-migrations";
import { workspaces } from "./workspaces";

/** The project shapes of issue 9 (a–f). */
export const SHAPES: readonly Shape[] = [typeormInit, nestLike, esmNodeNext, workspaces, jsEntitySchema, typeormMigrationsShape];
