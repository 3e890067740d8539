// `npm run pack [-- <folder>]`: a tarball of every published @retort package in packs/
// (or <folder>), to install without a registry (README.md, "Install without a registry").
import { relative, resolve } from "node:path";
import { PACKS_DIR, REPO, packPackages } from "./pack-packages";

const dest = process.argv[2] ? resolve(process.argv[2]) : PACKS_DIR;
const tarballs = packPackages(dest);
for (const file of tarballs) console.log(relative(REPO, file));
console.log(`\n${tarballs.length} packages in ${dest}. In your project:\n  npm install --save-dev ${dest}/*.tgz`);
