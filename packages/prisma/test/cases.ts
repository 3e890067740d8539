/** Focused Prisma schemas, one feature group each; the datasource block is added per provider. */
export interface PrismaCase {
  readonly name: string;
  readonly body: string;
  readonly providers?: readonly ("postgres" | "sqlite")[];
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
];

export function schemaFor(c: PrismaCase, provider: "postgres" | "sqlite"): string {
  return `datasource db {\n  provider = "${provider === "postgres" ? "postgresql" : "sqlite"}"\n}\n${c.body}\n`;
}
