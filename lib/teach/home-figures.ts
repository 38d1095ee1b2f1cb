/**
 * Numbers the home page quotes (correction: "many numbers can be zero with little change", with
 * measured numbers). Test accuracy of the shipped MNIST MLP (public/models/mlp-784-256-256-10)
 * on the 2,000 test digits, dense and after one-shot global magnitude pruning of all three
 * weight matrices (torch.nn.utils.prune.global_unstructured semantics, no retraining); moe-en's
 * parameters from its model card. home-figures.test.ts recomputes the accuracies from the
 * shipped model.
 */
export const HOME_FIGURES = {
  dense: 0.978,
  global70: 0.971,
  global90: 0.8295,
  moeTotalM: 5.14,
  moeActiveM: 1.6,
} as const;
