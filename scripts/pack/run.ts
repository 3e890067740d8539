// `npm run pack`: a tarball of every published @retort package in packs/, to install
// without a registry (README.md, "Install without a registry").
import { relative } from "node:path";
import { PACKS_DIR, REPO, packPackages } from "./pack-packages";

const tarballs = packPackages();
for (const file of tarballs) console.log(relative(REPO, file));
console.log(`\n${tarballs.length} packages in ${PACKS_DIR}. In your project:\n  npm install --save-dev ${PACKS_DIR}/*.tgz`);
