// pnpm hooks for this workspace.
// beforePacking: the package.json inside a published tarball (pnpm pack / pnpm publish) drops
// devDependencies. They only matter in this repository, and they name the private workspace
// packages (@mautic-woo/testkit) that npm does not have.
export const hooks = {
  beforePacking(pkg) {
    delete pkg.devDependencies;
    return pkg;
  },
};
