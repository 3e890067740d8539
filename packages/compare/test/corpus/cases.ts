/**
 * The "no spurious diffs" corpus (issue 3): schemas TypeORM's own synchronize creates,
 * each from a report in TypeORM's or Alembic's issue tracker where a migration tool saw
 * differences that were not there. Each case names its report; the test syncs the
 * entities on every engine the case applies to, reflects the database, builds the model
 * retort builds from the same entities, and expects no operation at all.
 */
export type Family = "postgres" | "mysql" | "sqlite";

export interface CorpusCase {
  readonly id: string;
  /** The report the case comes from. */
  readonly source: string;
  readonly families: readonly Family[];
  /** Entity classes (TypeScript, decorators), for the family at hand. */
  readonly entities: (family: Family) => string;
  /** Views the entities declare (so a case about views cannot pass with none on either side). */
  readonly views?: readonly string[];
  /** SQL to run before TypeORM's synchronize (it does not create schemas). */
  readonly setup?: (family: Family) => readonly string[];
}

const ALL: readonly Family[] = ["postgres", "mysql", "sqlite"];
const PG: readonly Family[] = ["postgres"];
const MY: readonly Family[] = ["mysql"];
const PG_MY: readonly Family[] = ["postgres", "mysql"];
const PG_LITE: readonly Family[] = ["postgres", "sqlite"];

const TYPEORM = (n: number) => `https://github.com/typeorm/typeorm/issues/${n}`;
const TYPEORM_PR = (n: number) => `https://github.com/typeorm/typeorm/pull/${n}`;
const ALEMBIC = (n: number) => `https://github.com/sqlalchemy/alembic/issues/${n}`;

/** The date-time type TypeORM users write on each family. */
const datetime = (f: Family) => (f === "postgres" ? "timestamp" : "datetime");
const q = (f: Family, name: string) => (f === "mysql" ? `\`${name}\`` : `"${name}"`);

const entity = (body: string) => body;

/** A table for the view cases to read. */
const orders = () => `
@Entity({ name: "orders" }) export class Order {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: "customer", length: 50 }) customer!: string;
  @Column("integer") total!: number;
}`;

export const CASES: readonly CorpusCase[] = [
  {
    id: "view-entity-string-expression",
    source: TYPEORM(8391),
    views: ["big_orders"],
    families: ALL,
    entities: () => entity(`${orders()}
@ViewEntity({ name: "big_orders", expression: \`
    SELECT o.id, o.customer, o.total * 2 AS doubled
    FROM orders o WHERE o.total > 100 AND o.customer <> 'x'
\` })
export class BigOrder {
  @ViewColumn() id!: number;
  @ViewColumn() customer!: string;
  @ViewColumn() doubled!: number;
}`),
  },
  {
    id: "view-entity-query-builder-expression",
    source: TYPEORM(8391),
    views: ["customer_totals"],
    families: ALL,
    entities: () => entity(`${orders()}
@ViewEntity({
  name: "customer_totals",
  expression: (ds: any) => ds.createQueryBuilder()
    .select("o.customer", "customer").addSelect("SUM(o.total)", "sum")
    .from(Order, "o").where("o.total > 0").groupBy("o.customer"),
})
export class CustomerTotal {
  @ViewColumn() customer!: string;
  @ViewColumn() sum!: number;
}`),
  },
  {
    id: "materialized-view-with-index",
    source: TYPEORM(6626),
    views: ["order_stats"],
    families: PG,
    entities: () => entity(`${orders()}
@ViewEntity({ name: "order_stats", materialized: true, expression: \`SELECT customer, count(*) AS n, max(total) AS top FROM orders GROUP BY customer\` })
@Index("order_stats_customer", ["customer"], { unique: true })
export class OrderStat {
  @ViewColumn() customer!: string;
  @ViewColumn() n!: number;
  @ViewColumn() top!: number;
}`),
  },
  {
    id: "timestamp-default-current-timestamp",
    source: TYPEORM(6579),
    families: ALL,
    entities: (f) => entity(`
@Entity() export class Stamp {
  @PrimaryGeneratedColumn() id!: number;
  @Column("${f === "sqlite" ? "datetime" : "timestamp"}", { nullable: false, default: () => "CURRENT_TIMESTAMP" }) createdAt!: Date;
}`),
  },
  {
    id: "date-property-default-current-timestamp",
    source: TYPEORM(3561),
    families: ALL,
    entities: () => entity(`
@Entity() export class Account {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ default: () => "CURRENT_TIMESTAMP" }) lastChangedAt!: Date;
}`),
  },
  {
    id: "create-and-update-date-columns",
    source: TYPEORM(6412),
    families: ALL,
    entities: () => entity(`
@Entity() export class ProductBrand {
  @PrimaryGeneratedColumn() id!: number;
  @Column() name!: string;
  @CreateDateColumn({ name: "created_at" }) createdAt!: Date;
  @UpdateDateColumn({ name: "updated_at" }) updatedAt!: Date;
}`),
  },
  {
    id: "mariadb-current-timestamp-6",
    source: TYPEORM(4782),
    families: ALL,
    entities: (f) => entity(`
@Entity() export class Recruitment {
  @PrimaryGeneratedColumn() id!: number;
  @Column() title!: string;
  @Column({ type: "${datetime(f)}", precision: 6, default: () => "CURRENT_TIMESTAMP${f === "sqlite" ? "" : "(6)"}" }) created_at!: Date;
}`),
  },
  {
    id: "mariadb-on-update-current-timestamp",
    source: TYPEORM_PR(6714),
    families: MY,
    entities: () => entity(`
@Entity() export class Test {
  @PrimaryGeneratedColumn() test_id!: number;
  @Column({ type: "timestamp", default: () => "CURRENT_TIMESTAMP", onUpdate: "CURRENT_TIMESTAMP" }) test_update!: Date;
}`),
  },
  {
    id: "postgres-now-default",
    source: TYPEORM(6471),
    families: PG,
    entities: () => entity(`
@Entity() export class Creation {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ nullable: false, default: () => "now()" }) createdAt!: Date;
}`),
  },
  {
    id: "boolean-default-false",
    source: TYPEORM(7955),
    families: ALL,
    entities: () => entity(`
@Entity() export class Passenger {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ default: false }) is_deleted!: boolean;
  @Column({ default: true, nullable: true }) is_active!: boolean;
}`),
  },
  {
    id: "boolean-server-default-alembic",
    source: ALEMBIC(553),
    families: ALL,
    entities: () => entity(`
@Entity() export class Restaurant {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "int", nullable: false, default: 0 }) browser_flag!: number;
}`),
  },
  {
    id: "quoted-string-default",
    source: TYPEORM(7579),
    families: ALL,
    entities: () => entity(`
@Entity() export class Shipping {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ default: "PROCESSING" }) state!: string;
  @Column({ default: 0 }) fee!: number;
}`),
  },
  {
    id: "string-default-with-quote",
    source: ALEMBIC(1177),
    families: ALL,
    entities: () => entity(`
@Entity() export class Greeting {
  @PrimaryGeneratedColumn() id!: number;
  // TypeORM's synchronize does not escape a single quote in a default (it fails), so the quote here is a double one.
  @Column({ default: 'say "hi"' }) text!: string;
  @Column({ default: "" }) empty!: string;
}`),
  },
  {
    id: "default-null",
    source: TYPEORM(5509),
    families: ALL,
    entities: (f) => entity(`
@Entity() export class Country {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ nullable: true, default: null }) country!: string;
  @Column({ type: "${datetime(f)}", nullable: true, default: null }) deliveryDate!: Date;
}`),
  },
  {
    id: "decimal-default-zero",
    source: TYPEORM(5407),
    families: ALL,
    entities: () => entity(`
@Entity({ name: "poi" }) export class Poi {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "decimal", precision: 11, scale: 8, default: 0 }) lat!: number;
  @Column({ type: "decimal", precision: 11, scale: 8, default: 0 }) lon!: number;
}`),
  },
  {
    id: "decimal-default-trailing-zeros",
    source: TYPEORM(6140),
    families: ALL,
    entities: () => entity(`
@Entity() export class Wallet {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "decimal", precision: 22, scale: 2, default: 0.0 }) balance!: number;
  @Column({ type: "decimal", precision: 10, scale: 2, default: "1.50" }) fee!: string;
}`),
  },
  {
    id: "decimal-negative-default",
    source: TYPEORM_PR(6879),
    families: ALL,
    entities: () => entity(`
@Entity() export class Reading {
  @PrimaryGeneratedColumn() id!: number;
  @Column("decimal", { default: -1.5, precision: 3, scale: 1 }) delta!: number;
}`),
  },
  {
    id: "float-default",
    source: TYPEORM(6893),
    families: ALL,
    entities: () => entity(`
@Entity() export class SomeEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "float", default: 0 }) data1!: number;
  @Column({ type: "float", default: 1.25 }) data2!: number;
}`),
  },
  {
    id: "postgres-float-is-double-precision",
    source: TYPEORM(2210),
    families: PG,
    entities: () => entity(`
@Entity() export class FloatTest {
  @PrimaryColumn() id!: number;
  @Column("float") some_num!: number;
  @Column("real") other_num!: number;
}`),
  },
  {
    id: "numeric-without-precision",
    source: TYPEORM(5901),
    families: ALL,
    entities: () => entity(`
@Entity() export class AccountPayment {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "numeric" }) feeAmount!: string;
  @Column({ type: "numeric", nullable: true }) taxAmount!: string;
}`),
  },
  {
    id: "numeric-array-with-precision",
    source: TYPEORM(10043),
    families: PG,
    entities: () => entity(`
@Entity() export class Receipt {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "numeric", precision: 11, scale: 4, array: true }) values!: number[];
}`),
  },
  {
    id: "jsonb-default-empty-object",
    source: TYPEORM(9681),
    families: PG,
    entities: () => entity(`
@Entity() export class Profile {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "jsonb", nullable: false, default: () => "'{}'" }) settings!: object;
}`),
  },
  {
    id: "jsonb-default-object-key-order",
    source: TYPEORM(10038),
    families: PG,
    entities: () => entity(`
@Entity() export class Usager {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "jsonb", nullable: false, default: '{"countryCode":"fr", "numero":""}' }) telephone!: object;
}`),
  },
  {
    id: "text-array-default",
    source: TYPEORM(3076),
    families: PG,
    entities: () => entity(`
@Entity("playlists") export class Playlist {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "bigint" }) user!: string;
  @Column({ type: "text", array: true, default: () => "'{}'" }) songs!: string[];
  @Column({ default: 0 }) plays!: number;
}`),
  },
  {
    id: "enum-with-enum-name",
    source: TYPEORM(6471),
    families: PG_MY,
    entities: () => entity(`
export enum CreationMechanism { SOURCE_A = "SOURCE_A", SOURCE_B = "SOURCE_B", SOURCE_C = "SOURCE_C" }
@Entity({ name: "some_entity" }) @Unique(["field1", "field2"]) export class SomeEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column() field1!: string;
  @Column() field2!: string;
  @Column({ type: "enum", enumName: "creation_mechanism_enum", enum: CreationMechanism }) creationMechanism!: CreationMechanism;
}`),
  },
  {
    id: "enum-name-equal-to-default",
    source: TYPEORM(9233),
    families: PG_MY,
    entities: () => entity(`
export enum AccountType { checking = "checking", savings = "savings" }
@Entity() export class Account {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "enum", enum: AccountType, enumName: "account_type_enum" }) type!: AccountType;
}`),
  },
  {
    id: "numeric-ts-enum",
    source: TYPEORM(3587),
    families: PG_MY,
    entities: () => entity(`
export enum EquipmentModelType { Thing1, Thing2, Thing3 }
@Entity("equipmentmodels") @Unique(["name"]) export class EquipmentModel {
  @PrimaryGeneratedColumn("uuid") id!: string;
  @Column() name!: string;
  @Column("enum", { enum: EquipmentModelType }) type!: EquipmentModelType;
}`),
  },
  {
    id: "shared-enum-name",
    source: TYPEORM(10931),
    families: PG_MY,
    entities: () => entity(`
export enum Status { live = "live", draft = "draft", archived = "archived" }
@Entity() export class Organisation {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "enum", enum: Status, enumName: "status_enum", default: Status.draft }) status!: Status;
}
@Entity() export class OrganisationVersion {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "enum", enum: Status, enumName: "status_enum", default: Status.draft }) status!: Status;
}`),
  },
  {
    id: "enum-primary-column",
    source: TYPEORM(2959),
    families: PG_MY,
    entities: () => entity(`
export enum SocialType { Google = "google", Twitter = "twitter" }
@Entity() export class SocialLogin {
  @PrimaryColumn("enum", { enum: SocialType }) type!: SocialType;
  @PrimaryColumn() userId!: number;
  @Column("text") clientId!: string;
}`),
  },
  {
    id: "enum-array",
    source: TYPEORM(8568),
    families: PG,
    entities: () => entity(`
export enum Role { admin = "admin", editor = "editor" }
@Entity() export class Member {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "enum", enum: Role, array: true, default: "{}" }) roles!: Role[];
}`),
  },
  {
    id: "one-to-one-unique-index-name",
    source: TYPEORM(8485),
    families: ALL,
    entities: () => entity(`
@Entity() export class Company {
  @PrimaryGeneratedColumn() id!: number;
}
@Entity() export class Profile {
  @PrimaryGeneratedColumn() id!: number;
  @OneToOne(() => Company, { nullable: false, onDelete: "CASCADE" }) @JoinColumn() company!: Company;
}`),
  },
  {
    id: "one-to-one-on-primary-column",
    source: TYPEORM(8485),
    families: ALL,
    entities: () => entity(`
@Entity() export class Company {
  @PrimaryGeneratedColumn() id!: number;
}
@Entity() export class CompanyReport {
  @PrimaryColumn() companyId!: number;
  @OneToOne(() => Company, { nullable: false, onDelete: "CASCADE" }) @JoinColumn({ name: "companyId" }) company!: Company;
}`),
  },
  {
    id: "partial-unique-index",
    source: TYPEORM(3841),
    families: PG_LITE,
    entities: (f) => entity(`
@Entity("cities") @Index(["countryCode", "locode"], { unique: true, where: ${JSON.stringify(`${q(f, "locode")} IS NOT NULL`)} })
export class City {
  @PrimaryGeneratedColumn() id!: number;
  @Column() countryCode!: string;
  @Column({ nullable: true }) locode!: string;
}`),
  },
  {
    id: "partial-index-boolean-predicate",
    source: TYPEORM(3841),
    families: PG_LITE,
    entities: (f) => entity(`
@Entity() @Index("IDX_open_name", ["name"], { where: ${JSON.stringify(`${q(f, "closed")} = ${f === "postgres" ? "false" : "0"}`)} })
export class Shop {
  @PrimaryGeneratedColumn() id!: number;
  @Column() name!: string;
  @Column({ default: false }) closed!: boolean;
}`),
  },
  {
    id: "multi-column-unique-constraint",
    source: ALEMBIC(1240),
    families: ALL,
    entities: () => entity(`
@Entity() export class Contact {
  @PrimaryGeneratedColumn() id!: number;
}
@Entity("disturbance_recorders") @Unique(["device_name", "contact"]) export class DisturbanceRecorder {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 255 }) device_name!: string;
  @Index() @ManyToOne(() => Contact, { onDelete: "RESTRICT", nullable: false }) contact!: Contact;
}`),
  },
  {
    id: "unique-column-and-unique-index",
    source: "https://github.com/typeorm/typeorm/pull/4819",
    families: ALL,
    entities: () => entity(`
@Entity() export class Rule {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ unique: true }) name!: string;
  @Index({ unique: true }) @Column() code!: string;
  @Index() @Column({ length: 1000, nullable: true }) description!: string;
}`),
  },
  {
    id: "non-public-schema",
    source: TYPEORM(1589),
    families: PG,
    setup: () => ["CREATE SCHEMA private"],
    entities: () => entity(`
@Entity({ schema: "private" }) export class Role {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ unique: true }) name!: string;
}
@Entity({ schema: "private" }) export class User {
  @PrimaryGeneratedColumn() id!: number;
  @Index() @Column() email!: string;
  @ManyToMany(() => Role) @JoinTable() roles!: Role[];
}`),
  },
  {
    id: "explicit-public-schema",
    source: TYPEORM(6343),
    families: PG,
    entities: () => entity(`
@Entity("user-table", { schema: "public" }) export class Blank {
  @PrimaryGeneratedColumn({ type: "integer", name: "id" }) id!: number;
  @Column("timestamp with time zone", { nullable: false, name: "created_at" }) createdAt!: Date;
  @Column("timestamp with time zone", { nullable: true, name: "deleted_at" }) deletedAt!: Date | null;
}`),
  },
  {
    id: "foreign-key-default-no-action",
    source: TYPEORM(3761),
    families: ALL,
    entities: () => entity(`
@Entity() export class Category {
  @PrimaryGeneratedColumn() id!: number;
}
@Entity() export class Post {
  @PrimaryGeneratedColumn() id!: number;
  @ManyToOne(() => Category) category!: Category;
}`),
  },
  {
    id: "foreign-key-restrict",
    source: TYPEORM(5707),
    families: ALL,
    entities: () => entity(`
@Entity() export class ItemInfo {
  @PrimaryGeneratedColumn() id!: number;
}
@Entity() export class Item {
  @PrimaryGeneratedColumn() id!: number;
  @ManyToOne(() => ItemInfo, { onDelete: "RESTRICT", onUpdate: "RESTRICT" }) info!: ItemInfo;
}`),
  },
  {
    id: "foreign-key-actions",
    source: TYPEORM(7174),
    families: ALL,
    entities: () => entity(`
@Entity() export class Owner {
  @PrimaryGeneratedColumn() id!: number;
}
@Entity() export class Pet {
  @PrimaryGeneratedColumn() id!: number;
  @ManyToOne(() => Owner, { onDelete: "SET NULL", onUpdate: "CASCADE", nullable: true }) owner!: Owner | null;
  @ManyToOne(() => Owner, { onDelete: "CASCADE" }) vet!: Owner;
}`),
  },
  {
    id: "datetime-precision",
    source: TYPEORM(2184),
    families: ALL,
    entities: (f) => entity(`
@Entity() export class Event {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "${datetime(f)}", precision: 3 }) at!: Date;
  @UpdateDateColumn({ type: "${datetime(f)}", precision: 2 }) updated!: Date;
  @Column({ type: "${datetime(f)}", nullable: true }) plain!: Date;
}`),
  },
  {
    id: "timestamp-with-time-zone",
    source: TYPEORM(3907),
    families: PG,
    entities: () => entity(`
@Entity() export class Audit {
  @PrimaryGeneratedColumn() id!: number;
  @Column("timestamp with time zone", { default: () => "CURRENT_TIMESTAMP" }) at!: Date;
  @Column("time", { nullable: true }) time!: string;
  @Column("timestamptz", { precision: 3, nullable: true }) precise!: Date;
}`),
  },
  {
    id: "unsigned-int",
    source: TYPEORM(2943),
    families: MY,
    entities: () => entity(`
@Entity() export class Counter {
  @PrimaryGeneratedColumn({ unsigned: true }) id!: number;
  @Column({ unsigned: true }) hits!: number;
  @Column({ type: "tinyint", unsigned: true, default: 0 }) flags!: number;
  @Column({ type: "bigint", unsigned: true, nullable: true }) big!: string;
}`),
  },
  {
    id: "unsigned-primary-key-referenced",
    source: TYPEORM(9477),
    families: MY,
    entities: () => entity(`
@Entity() export class Parent {
  @PrimaryGeneratedColumn({ unsigned: true }) id!: number;
}
@Entity() export class Child {
  @PrimaryGeneratedColumn() id!: number;
  @ManyToOne(() => Parent) parent!: Parent;
}`),
  },
  {
    id: "column-comments-with-quotes",
    source: TYPEORM(7479),
    families: ALL,
    entities: () => entity(`
@Entity() export class Commented {
  @PrimaryGeneratedColumn() id!: number;
  @Column("text", { nullable: false, comment: "E.g. 'foo', 'bar', or 'baz' etc." }) bla!: string;
  @Column({ length: 16, comment: "Consumer's Phone Number" }) phone!: string;
}`),
  },
  {
    id: "table-and-junction-comments",
    source: TYPEORM(11286),
    families: ALL,
    entities: () => entity(`
// TypeORM's sync escapes no quote in a table comment (0.3 on PostgreSQL, both on MariaDB): none here; column comments carry them.
@Entity({ comment: "The images of a company, by company" }) export class CompanyImage {
  @PrimaryColumn({ comment: "The ID of the company" }) company_id!: number;
  @PrimaryColumn({ comment: "ID of the image" }) image_id!: number;
}`),
  },
  {
    id: "uuid-primary-key",
    source: TYPEORM(10231),
    families: ALL,
    entities: () => entity(`
@Entity() export class Monitor {
  @PrimaryGeneratedColumn("uuid") id!: string;
  @Column() name!: string;
}`),
  },
  {
    id: "uuid-foreign-key",
    source: TYPEORM(10053),
    families: ALL,
    entities: () => entity(`
@Entity() export class Room {
  @PrimaryGeneratedColumn("uuid") id!: string;
}
@Entity() export class Booking {
  @PrimaryGeneratedColumn("uuid") id!: string;
  @ManyToOne(() => Room, { nullable: false }) room!: Room;
}`),
  },
  {
    id: "generated-uuid-column",
    source: TYPEORM(5928),
    families: ALL,
    entities: () => entity(`
@Entity() export class Appointment {
  @PrimaryGeneratedColumn() id!: number;
  @Column() @Generated("uuid") publicId!: string;
}`),
  },
  {
    id: "many-to-many-junction",
    source: TYPEORM(4632),
    families: ALL,
    entities: () => entity(`
@Entity() export class Tag {
  @PrimaryGeneratedColumn() id!: number;
  @Column() label!: string;
}
@Entity() export class Article {
  @PrimaryGeneratedColumn() id!: number;
  @Column() title!: string;
  @ManyToMany(() => Tag) @JoinTable() tags!: Tag[];
}`),
  },
  {
    id: "simple-array-and-json",
    source: TYPEORM(1849),
    families: ALL,
    entities: () => entity(`
@Entity() export class Model {
  @PrimaryGeneratedColumn() id!: number;
  @Column("simple-json", { nullable: true }) values!: object;
  @Column("simple-array", { nullable: true }) names!: string[];
  @Column({ type: "simple-enum", enum: ["a", "b"], default: "a" }) kind!: string;
}`),
  },
  {
    id: "version-and-delete-date-columns",
    source: TYPEORM(6995),
    families: ALL,
    entities: () => entity(`
@Entity() export class Operation {
  @PrimaryGeneratedColumn() id!: number;
  @CreateDateColumn() createdDate!: Date;
  @UpdateDateColumn() updatedDate!: Date;
  @DeleteDateColumn() deletedDate!: Date | null;
  @VersionColumn() version!: number;
}`),
  },
  {
    id: "index-on-relation",
    source: TYPEORM(1687),
    families: ALL,
    entities: () => entity(`
@Entity() export class Author {
  @PrimaryGeneratedColumn() id!: number;
}
@Entity() @Index(["author", "title"]) export class Book {
  @PrimaryGeneratedColumn() id!: number;
  @Column() title!: string;
  @Index() @ManyToOne(() => Author) author!: Author;
}`),
  },
  {
    id: "plain-varchar-columns",
    source: TYPEORM(4362),
    families: ALL,
    entities: () => entity(`
@Entity() export class Person {
  @PrimaryGeneratedColumn() id!: number;
  @Column() firstName!: string;
  @Column({ length: 50, nullable: true }) lastName!: string;
  @Column("text") bio!: string;
  @Column("int") age!: number;
  @Column({ type: "varchar", length: 36, nullable: true }) ref!: string;
}`),
  },
  {
    id: "sqlite-parenthesised-now-defaults",
    source: ALEMBIC(634),
    families: ["sqlite"],
    entities: () => entity(`
@Entity() export class Visitor {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "datetime", default: () => "(CURRENT_TIMESTAMP)" }) created!: Date;
  @Column({ type: "datetime", default: () => "(datetime('now'))" }) seen!: Date;
}`),
  },
  {
    id: "named-foreign-key-constraint",
    source: ALEMBIC(519),
    families: ALL,
    entities: () => entity(`
@Entity("table_one") export class TableOne {
  @PrimaryGeneratedColumn() id!: number;
}
@Entity("table_two") export class TableTwo {
  @PrimaryGeneratedColumn() id!: number;
  @ManyToOne(() => TableOne) @JoinColumn({ name: "t1_id", foreignKeyConstraintName: "fk_table1" }) t1!: TableOne;
}`),
  },
  {
    id: "uuid-foreign-key-with-index",
    source: ALEMBIC(1555),
    families: ALL,
    entities: () => entity(`
@Entity("team_seasons") export class TeamSeason {
  @PrimaryGeneratedColumn("uuid") team_season_id!: string;
}
@Entity("competitions") export class Competition {
  @PrimaryGeneratedColumn("uuid") competition_id!: string;
  @Column({ length: 100 }) competition_name!: string;
  @Index() @ManyToOne(() => TeamSeason) @JoinColumn({ name: "team_season_id" }) teamSeason!: TeamSeason;
}`),
  },
  {
    id: "foreign-key-in-composite-primary-key",
    source: ALEMBIC(1623),
    families: ALL,
    entities: () => entity(`
@Entity() export class Project {
  @PrimaryGeneratedColumn() id!: number;
}
@Entity("abbreviations") export class Abbrev {
  @PrimaryColumn() id!: string;
  @PrimaryColumn() project_id!: number;
  @Column() expansion!: string;
  @ManyToOne(() => Project) @JoinColumn({ name: "project_id" }) project!: Project;
}`),
  },
  {
    id: "check-constraint",
    source: TYPEORM(1032),
    families: PG_LITE,
    entities: (f) => entity(`
@Entity() @Check("CHK_age", ${JSON.stringify(`${q(f, "age")} >= 0`)}) export class Adult {
  @PrimaryGeneratedColumn() id!: number;
  @Column() age!: number;
}`),
  },
];
