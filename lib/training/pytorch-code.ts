/**
 * PyTorch code for the lab's current settings (torch.nn.utils.prune, the schedule as a
 * Python function, the correct mask order), and the source article's train_sparse_model
 * as printed there. Pure string building; the lab shows both in CodePanels.
 */
import { type TrainingConfig, stepsPerEpoch } from './config';

/** Python literal of a float: 0.9 → 0.9, 1 → 1.0, 1e-5 → 0.00001, 1e-7 → 1e-07. */
export function pyFloat(v: number): string {
  if (!Number.isFinite(v)) return 'float("nan")';
  if (Number.isInteger(v)) return `${v}.0`;
  const s = String(v);
  return s.includes('e') ? v.toExponential().replace(/e([+-])(\d)$/, 'e$10$2') : s;
}

/** The target_sparsity(step) function of a schedule (steps counted from 0 over the run). */
export function pythonScheduleFunction(cfg: TrainingConfig): string {
  switch (cfg.schedule) {
    case 'one-shot':
      return [
        `T0 = ${cfg.t0}  # the one pruning step`,
        '',
        'def target_sparsity(step):',
        '    """One-shot: nothing before T0, everything at once from T0 on."""',
        '    return FINAL if step >= T0 else 0.0',
      ].join('\n');
    case 'linear':
      return [
        'def target_sparsity(step):',
        '    """The source\'s per-epoch staircase, scaled to reach FINAL in the last epoch',
        '    (EPOCHS = 10, FINAL = 0.9 gives exactly its min(0.9, 0.1 * epoch)). Epoch 0 has 0."""',
        '    epoch = step // STEPS_PER_EPOCH',
        '    return min(FINAL, epoch * FINAL / max(1, EPOCHS - 1))',
      ].join('\n');
    case 'cubic':
      return [
        `INITIAL, BEGIN_STEP, END_STEP, FREQUENCY = ${pyFloat(cfg.initial)}, ${cfg.beginStep}, ${cfg.endStep}, ${cfg.frequency}`,
        '',
        'def target_sparsity(step):',
        '    """Zhu & Gupta (2017) cubic schedule, as tfmot\'s PolynomialDecay(power=3):',
        '    s = FINAL + (INITIAL - FINAL) * (1 - p)**3, p = (u - BEGIN_STEP) / (END_STEP - BEGIN_STEP),',
        '    u = the latest update step (the mask only changes every FREQUENCY steps)."""',
        '    if step < BEGIN_STEP:',
        '        return 0.0',
        '    if step >= END_STEP:',
        '        return FINAL',
        '    u = BEGIN_STEP + FREQUENCY * ((step - BEGIN_STEP) // FREQUENCY)',
        '    p = (u - BEGIN_STEP) / (END_STEP - BEGIN_STEP)',
        '    return FINAL + (INITIAL - FINAL) * (1 - p) ** 3',
      ].join('\n');
  }
}

function header(cfg: TrainingConfig): string[] {
  const perEpoch = stepsPerEpoch(cfg.subset, cfg.batchSize);
  const optimizer =
    cfg.optimizer === 'adam'
      ? `torch.optim.Adam(model.parameters(), lr=LR, eps=1e-8)`
      : `torch.optim.SGD(model.parameters(), lr=LR, momentum=0.9)`;
  return [
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    'import torch.nn.utils.prune as prune',
    'from torch.utils.data import DataLoader, Subset',
    'from torchvision import datasets, transforms',
    '',
    `torch.manual_seed(${cfg.seed})`,
    `FINAL, EPOCHS, BATCH_SIZE, LR = ${pyFloat(cfg.final)}, ${cfg.epochs}, ${cfg.batchSize}, ${pyFloat(cfg.learningRate)}`,
    'mnist = datasets.MNIST(".", train=True, download=True, transform=transforms.ToTensor())',
    `train_loader = DataLoader(Subset(mnist, range(${cfg.subset})), batch_size=BATCH_SIZE, shuffle=True)`,
    `STEPS_PER_EPOCH = len(train_loader)  # ceil(${cfg.subset} / ${cfg.batchSize}) = ${perEpoch}`,
    '',
    'model = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))',
    'layers = [m for m in model if isinstance(m, nn.Linear)]',
    `optimizer = ${optimizer}`,
  ];
}

const measureFn = [
  'def measured_sparsity():',
  '    """Fraction of exactly-zero weights over all Linear weights (biases are not pruned)."""',
  '    zeros = sum(int((m.weight == 0).sum()) for m in layers)',
  '    return zeros / sum(m.weight.numel() for m in layers)',
];

/** The masked training step in the correct order (mask after optimizer.step). */
const trainStep = (indent: string) =>
  [
    'loss = F.cross_entropy(model(x), y)  # forward uses weight = weight_orig * weight_mask ...',
    'optimizer.zero_grad()',
    'loss.backward()                      # ... so every pruned weight gets a zero gradient',
    'optimizer.step()                     # momentum / Adam moments can still move weight_orig ...',
    'with torch.no_grad():                # ... so apply the mask AFTER the step',
    '    for m in layers:',
    '        if prune.is_pruned(m):',
    '            m.weight_orig.mul_(m.weight_mask)',
  ].map((l) => indent + l);

/** A runnable PyTorch script for the settings (schedule or IMP, layer or global scope, correct mask order). */
export function generatePytorchCode(cfg: TrainingConfig): string {
  const pruneCall =
    cfg.scope === 'global'
      ? ['    prune.global_unstructured([(m, "weight") for m in layers], pruning_method=prune.L1Unstructured, amount=amount)']
      : ['    for m in layers:', '        prune.l1_unstructured(m, "weight", amount=amount)'];
  const lines = [...header(cfg), ''];
  if (cfg.impRounds > 0) {
    lines.push(
      `ROUNDS, REWIND_STEP = ${cfg.impRounds}, ${cfg.rewindStep}`,
      'Q = 1 - (1 - FINAL) ** (1 / ROUNDS)  # fraction of the REMAINING weights pruned after each round',
      '',
      'def prune_remaining(amount):',
      `    """Magnitude-prune ${cfg.scope === 'global' ? 'globally' : 'each layer'}; on a pruned module torch.nn.utils.prune's`,
      '    PruningContainer takes `amount` as a fraction of the weights still kept."""',
      ...pruneCall,
      '',
      ...measureFn,
      '',
      'rewind_state = None',
      'for rnd in range(ROUNDS + 1):',
      '    if rnd > 0:',
      '        prune_remaining(Q)',
      '        with torch.no_grad():  # lottery ticket: rewind the survivors to their values at REWIND_STEP',
      '            for m, (w, b) in zip(layers, rewind_state):',
      '                m.weight_orig.copy_(w * m.weight_mask)',
      '                m.bias.copy_(b)',
      `        optimizer = ${cfg.optimizer === 'adam' ? 'torch.optim.Adam(model.parameters(), lr=LR, eps=1e-8)' : 'torch.optim.SGD(model.parameters(), lr=LR, momentum=0.9)'}`,
      '    step = 0',
      '    for epoch in range(EPOCHS):',
      '        for x, y in train_loader:',
      '            if rnd == 0 and step == REWIND_STEP:',
      '                rewind_state = [(m.weight.detach().clone(), m.bias.detach().clone()) for m in layers]',
      ...trainStep('            '),
      '            step += 1',
      '    print(f"round {rnd}: sparsity {measured_sparsity():.1%}")',
    );
    return lines.join('\n');
  }
  lines.push(
    pythonScheduleFunction(cfg),
    '',
    'def prune_to(amount):',
    '    """Magnitude-prune to `amount` = fraction of ALL weights. prune.remove bakes the previous',
    '    mask into the weight first (pruned entries are exactly 0, so they stay among the smallest)."""',
    '    for m in layers:',
    '        if prune.is_pruned(m):',
    '            prune.remove(m, "weight")',
    ...pruneCall,
    '',
    ...measureFn,
    '',
    'step, current = 0, 0.0',
    'for epoch in range(EPOCHS):',
    '    for x, y in train_loader:',
    '        target = target_sparsity(step)',
    '        if target != current:  # an update step of the schedule',
    '            prune_to(target)',
    '            current = target',
    ...trainStep('        '),
    '        step += 1',
    '    print(f"epoch {epoch}: target {current:.1%}, measured {measured_sparsity():.1%}")',
  );
  return lines.join('\n');
}

/**
 * The source article's train_sparse_model, as printed there (its indentation was lost in
 * the article's formatting and is restored; the Chinese comments are the article's).
 */
export const SOURCE_TRAIN_SPARSE_MODEL = `def train_sparse_model(model, train_loader, optimizer, epochs=10):
    """渐进式稀疏训练"""
    for epoch in range(epochs):
        # 每个epoch逐渐增加稀疏率
        target_sparsity = min(0.9, epoch * 0.1)
        for batch in train_loader:
            output = model(batch)
            loss = compute_loss(output, batch)
            # 反向传播
            optimizer.zero_grad()
            loss.backward()
            # 应用稀疏掩码
            apply_sparsity_mask(model, target_sparsity)
            optimizer.step()`;
