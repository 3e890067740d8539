import dataSource from "./data-source";
import { Post } from "./entities/post";
import { Tag } from "./entities/tag";
import { Role, User } from "./entities/user";

/** Publishes one more post, then prints what the blog holds. Run it after `retort upgrade`. */
async function main(): Promise<void> {
  await dataSource.initialize();
  try {
    const users = dataSource.getRepository(User);
    const tags = dataSource.getRepository(Tag);
    const posts = dataSource.getRepository(Post);

    const author =
      (await users.findOneBy({ email: "ada@example.com" })) ??
      (await users.save(users.create({ email: "ada@example.com", name: "Ada", role: Role.Author })));
    const tagNamed = async (name: string) => (await tags.findOneBy({ name })) ?? tags.save(tags.create({ name }));
    const number = (await posts.count()) + 1;
    await posts.save(
      posts.create({
        title: `Notes #${number}`,
        slug: `notes-${number}`,
        body: "Schema changes, reviewed like code.",
        metadata: { readingMinutes: 3 },
        publishedAt: new Date(),
        author,
        tags: [await tagNamed("typeorm"), await tagNamed("migrations")],
      }),
    );

    const all = await posts.find({ relations: { author: true, tags: true }, order: { id: "ASC" } });
    for (const post of all) {
      console.log(`#${post.id} ${post.title} by ${post.author.name} [${post.tags.map((t) => t.name).sort().join(", ")}] ${JSON.stringify(post.metadata)}`);
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
