/** Focused Prisma schemas, one feature group each; the datasource block is added per provider. */
export interface PrismaCase {
  readonly name: string;
  readonly body: string;
  readonly providers?: readonly ("postgres" | "sqlite")[];
  /** Extra lines of the datasource block (`relationMode`, `schemas`). */
  readonly datasource?: string;
  /** A generator block, for preview features. */
  readonly generator?: string;
}

export const PRISMA_CASES: readonly PrismaCase[] = [
  {
    name: "scalars, defaults, @updatedAt, @map/@@map",
    body: `
model User {
  id        Int      @id @default(autoincrement())
  email     String   @unique
  name      String?  @map("full_name")
  active    Boolean  @default(true)
  score     Float    @default(1.5)
  balance   Decimal  @default(0)
  big       BigInt   @default(7)
  data      Json?
  blob      Bytes?
  label     String   @default("it's")
  createdAt DateTime @default(now()) @map("created_at")
  updatedAt DateTime @updatedAt
  token     String   @default(uuid())
  slug      String   @default(cuid())
  @@map("users")
}`,
  },
  {
    name: "composite ids, @@unique, @@index with sort, map:",
    body: `
model Membership {
  orgId  Int
  userId Int
  role   String
  rank   Int
  @@id([orgId, userId])
  @@unique([role, rank])
  @@unique([userId, rank], map: "membership_user_rank")
  @@index([rank(sort: Desc), role])
  @@index([role], map: "by_role")
}`,
  },
  {
    name: "enums",
    body: `
enum Role {
  USER
  ADMIN @map("admin")
  @@map("role_kind")
}
enum BookingStatus {
  ACCEPTED @map("accepted")
  PENDING  @map("pending")
}
model Account {
  id     String        @id @default(uuid())
  role   Role          @default(USER)
  other  Role?
  status BookingStatus @default(ACCEPTED)
}`,
  },
  {
    name: "relations and referential actions",
    body: `
model Author {
  id      Int     @id @default(autoincrement())
  posts   Post[]
  edits   Post[]  @relation("editor")
  profile Profile?
}
model Post {
  id       Int     @id @default(autoincrement())
  authorId Int
  author   Author  @relation(fields: [authorId], references: [id])
  editorId Int?
  editor   Author? @relation("editor", fields: [editorId], references: [id])
  parentId Int?
  parent   Post?   @relation("thread", fields: [parentId], references: [id], onDelete: Cascade, onUpdate: NoAction)
  children Post[]  @relation("thread")
  @@index([authorId])
}
model Profile {
  id       Int    @id @default(autoincrement())
  authorId Int?    @unique
  author   Author? @relation(fields: [authorId], references: [id], onDelete: SetNull, onUpdate: Restrict)
}`,
  },
  {
    // SQLite's provider refuses `map:` on a relation ("does not support named foreign keys").
    name: "a foreign key named with @relation(map:)",
    providers: ["postgres"],
    body: `
model Writer {
  id    Int    @id
  books Book[]
}
model Book {
  id       Int    @id
  writerId Int
  writer   Writer @relation(fields: [writerId], references: [id], map: "book_written_by_fk")
}`,
  },
  {
    name: "implicit many-to-many",
    body: `
model Tag {
  id    Int       @id @default(autoincrement())
  posts Article[]
}
model Article {
  id   String @id @default(cuid())
  tags Tag[]
}
model Person {
  id        Int      @id
  followers Person[] @relation("follows")
  following Person[] @relation("follows")
}`,
  },
  {
    name: "default names longer than PostgreSQL's 63-byte identifiers",
    body: `
model FeedbackSourceFieldMapping {
  id                 Int @id
  workspaceId        Int
  feedback_source_id Int
  source_field_id    Int
  target_field_id    Int
  @@unique([workspaceId, feedback_source_id, source_field_id, target_field_id])
  @@index([workspaceId, feedback_source_id, source_field_id, target_field_id, id])
}`,
  },
  {
    name: "PostgreSQL native types and dbgenerated",
    providers: ["postgres"],
    body: `
model Native {
  id      String   @id @default(dbgenerated("gen_random_uuid()")) @db.Uuid
  name    String   @db.VarChar(120)
  code    String   @db.Char(3)
  body    String   @db.Text
  small   Int      @db.SmallInt
  amount  Decimal  @db.Decimal(10, 2)
  real    Float    @db.Real
  at      DateTime @db.Timestamptz(6)
  day     DateTime @db.Date
  doc     Json     @db.Json
  tags    String[]
  counter BigInt   @default(autoincrement())
}`,
  },
  // The gaps the real-schema corpus found (README.md "Prisma schemas"), pinned here on their own.
  {
    name: "scalar-list defaults",
    providers: ["postgres"],
    body: `
enum Kind {
  A
  B @map("b")
}
model Lists {
  id     Int      @id
  tags   String[] @default([])
  names  String[] @default(["x", "it's"])
  nums   Int[]    @default([1, 2])
  docs   Json[]   @default([])
  kinds  Kind[]   @default([])
  picked Kind[]   @default([A, B])
  codes  String[] @default([]) @db.VarChar(10)
}`,
  },
  {
    name: "index types (Hash, Gin, Gist, Brin, SpGist)",
    providers: ["postgres"],
    body: `
model Indexed {
  id    Int      @id
  code  String
  tags  String[]
  doc   Json
  at    DateTime
  label String
  @@index([code], type: Hash)
  @@index([tags], type: Gin)
  @@index([doc(ops: JsonbPathOps)], type: Gin)
  @@index([at], type: Brin)
  @@index([label], type: SpGist)
  @@index([label, code], type: BTree, map: "plain_btree")
}`,
  },
  {
    name: "Float, Bytes and Decimal defaults",
    body: `
model Defaults {
  id    Int     @id
  f     Float   @default(13.37)
  g     Float   @default(-0.5)
  h     Float   @default(1000.25)
  blob  Bytes   @default("aGVsbG8=")
  empty Bytes   @default("")
  price Decimal @default(12.50)
  big   BigInt  @default(-9007199254740993)
}`,
  },
  {
    name: "views are never created by Prisma Migrate",
    generator: 'previewFeatures = ["views"]',
    body: `
model Order {
  id    Int @id
  total Int
}
view OrderTotal {
  id    Int @unique
  total Int
}`,
  },
  {
    name: "@ignore, @@ignore and Unsupported fields are still created",
    providers: ["postgres"],
    body: `
model Shape {
  id     Int                     @id
  area   Unsupported("circle")?
  ring   Unsupported("integer[]")
  secret String                  @ignore
  kind   Unsupported("point")    @default(dbgenerated("'(0,0)'::point"))
  @@index([ring])
}
model Legacy {
  id   Int    @id
  note String
  @@ignore
}
`,
  },
  {
    name: "@@ignore and Unsupported on SQLite",
    providers: ["sqlite"],
    body: `
model Thing {
  id   Int                 @id
  geo  Unsupported("blob")
  note String              @ignore
}
model Old {
  id Int @id
  @@ignore
}`,
  },
  {
    name: 'relationMode = "prisma": no foreign keys',
    datasource: 'relationMode = "prisma"',
    body: `
model Owner {
  id    Int     @id
  pets  Pet[]
  clubs Club[]
}
model Pet {
  id      Int   @id
  ownerId Int
  owner   Owner @relation(fields: [ownerId], references: [id], onDelete: Cascade)
  @@index([ownerId])
}
model Club {
  id     Int     @id
  owners Owner[]
}`,
  },
  {
    name: "multiSchema: tables, enums, join tables and foreign keys across schemas",
    providers: ["postgres"],
    datasource: 'schemas = ["public", "auth", "shop"]',
    body: `
enum Role {
  USER
  ADMIN
  @@schema("auth")
}
enum Status {
  OPEN
  DONE
  @@schema("public")
}
model User {
  id     Int     @id @default(autoincrement())
  role   Role    @default(USER)
  roles  Role[]  @default([ADMIN])
  orders Order[]
  groups Group[]
  @@schema("auth")
}
model Order {
  id     Int    @id
  userId Int
  user   User   @relation(fields: [userId], references: [id])
  status Status @default(OPEN)
  @@index([userId])
  @@schema("shop")
}
model Group {
  id    Int    @id
  users User[]
  @@map("groups")
  @@schema("public")
}
model Item {
  id   Int    @id
  name String
  @@unique([name])
  @@schema("shop")
}`,
  },
];

export function schemaFor(c: PrismaCase, provider: "postgres" | "sqlite" | "mysql"): string {
  const generator = c.generator ? `generator client {\n  provider = "prisma-client-js"\n  ${c.generator}\n}\n` : "";
  return `datasource db {\n  provider = "${provider === "postgres" ? "postgresql" : provider}"\n${c.datasource ? `  ${c.datasource}\n` : ""}}\n${generator}${c.body}\n`;
}
