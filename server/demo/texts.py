"""Synthetic reported texts for the demo database, in several languages.

Mild on purpose: spam, petty insults, false health or election claims, and plain captions for
posts whose media was reported. Nothing graphic, no real people. Keyed by BCP 47 tag.
"""

from __future__ import annotations

# kind -> texts; kinds: spam, harassment, misinformation, caption
TEXTS: dict[str, dict[str, list[str]]] = {
    "en": {
        "spam": ["Earn $500 a day from home!!! Click the link in my bio, limited spots left.",
                 "Free gift cards for the first 100 followers, just DM me your email and "
                 "password."],
        "harassment": ["You are honestly the most clueless person on this app, log off forever.",
                       "Nobody likes you here, clown. Stop posting your garbage opinions."],
        "misinformation": ["Drinking hot lemon water every hour cures the flu, doctors hide this.",
                           "BREAKING: polling stations close at noon tomorrow, not 8pm. "
                           "Tell everyone!"],
        "caption": ["Look what I saw on my way to work today.", "Posting this so people know."],
    },
    "es": {
        "spam": ["¡Gana dinero rápido desde casa! Escríbeme por privado y te explico todo."],
        "harassment": ["Eres un payaso, nadie te quiere en este grupo. Vete ya."],
        "misinformation": ["Comer ajo crudo en ayunas protege al 100% contra todos los virus."],
        "caption": ["Miren lo que pasó hoy en el centro de la ciudad."],
    },
    "de": {
        "spam": ["Gratis iPhone! Einfach den Link teilen und deine Daten eingeben."],
        "harassment": ["Du bist echt der größte Versager hier, hör endlich auf zu posten."],
        "misinformation": ["Achtung: Die Wahl wurde auf nächsten Monat verschoben, "
                           "sagt es weiter!"],
        "caption": ["Das habe ich heute am Bahnhof gesehen."],
    },
    "fr": {
        "spam": ["Devenez riche en 7 jours grâce à cette astuce secrète, cliquez ici !"],
        "harassment": ["T'es vraiment nul, personne ne veut lire tes bêtises."],
        "misinformation": ["Le vaccin contient une puce GPS, partagez avant que ce soit supprimé."],
        "caption": ["Voilà ce qu'on a vu ce matin près de la gare."],
    },
    "pt-BR": {
        "spam": ["Ganhe seguidores grátis agora! Acesse o link e faça login com sua conta."],
        "harassment": ["Você é ridículo, ninguém aguenta mais seus posts."],
        "misinformation": ["Chá de boldo cura qualquer doença em três dias, comprovado!"],
        "caption": ["Olha o que aconteceu aqui no bairro hoje."],
    },
    "ar": {
        "spam": ["اربح ألف دولار يومياً من المنزل! أرسل لي رسالة خاصة الآن."],
        "harassment": ["أنت أغبى شخص في هذه المجموعة، توقف عن النشر."],
        "misinformation": ["شرب الماء الساخن كل ساعة يقضي على الفيروس تماماً، انشروا!"],
        "caption": ["انظروا ماذا حدث في الشارع اليوم."],
    },
    "he": {
        "spam": ["הרוויחו כסף מהבית בלי מאמץ! שלחו לי הודעה פרטית עכשיו."],
        "harassment": ["אתה הבן אדם הכי מעצבן פה, תפסיק לכתוב שטויות."],
        "misinformation": ["הבחירות נדחו בשבוע, תעבירו הלאה לכולם!"],
        "caption": ["תראו מה ראיתי היום בדרך לעבודה."],
    },
    "th": {
        "spam": ["รายได้เสริมง่ายๆ ทำงานที่บ้าน ทักแชทมาเลยตอนนี้!"],
        "harassment": ["แกนี่มันน่ารำคาญที่สุด เลิกโพสต์ได้แล้ว"],
        "misinformation": ["ดื่มน้ำร้อนทุกวันป้องกันไวรัสได้ร้อยเปอร์เซ็นต์ ส่งต่อด่วน!"],
        "caption": ["วันนี้เห็นสิ่งนี้ระหว่างทางไปทำงาน"],
    },
    "fa": {
        "spam": ["درآمد آسان از خانه! همین حالا به من پیام بدهید."],
        "harassment": ["تو آزاردهنده‌ترین آدم اینجایی، دیگر پست نگذار."],
        "misinformation": ["انتخابات یک هفته عقب افتاده، برای همه بفرستید!"],
        "caption": ["امروز در راه سر کار این را دیدم."],
    },
    "ur": {
        "spam": ["گھر بیٹھے آسان کمائی! ابھی مجھے پیغام بھیجیں۔"],
        "harassment": ["تم یہاں سب سے زیادہ پریشان کرنے والے ہو، پوسٹ کرنا بند کرو۔"],
        "misinformation": ["انتخابات ایک ہفتے کے لیے ملتوی ہو گئے ہیں، سب کو بھیجیں!"],
        "caption": ["آج کام پر جاتے ہوئے یہ دیکھا۔"],
    },
    "ta": {
        "spam": ["வீட்டிலிருந்தே எளிதான வருமானம்! இப்போதே எனக்கு செய்தி அனுப்புங்கள்."],
        "harassment": ["நீ இங்கே மிகவும் எரிச்சலூட்டும் நபர், பதிவிடுவதை நிறுத்து."],
        "misinformation": ["தேர்தல் ஒரு வாரம் தள்ளிவைக்கப்பட்டது, அனைவருக்கும் பகிருங்கள்!"],
        "caption": ["இன்று வேலைக்கு செல்லும் வழியில் இதைப் பார்த்தேன்."],
    },
    "bn": {
        "spam": ["ঘরে বসে সহজ আয়! এখনই আমাকে মেসেজ করুন।"],
        "harassment": ["তুমি এখানে সবচেয়ে বিরক্তিকর মানুষ, পোস্ট করা বন্ধ করো।"],
        "misinformation": ["নির্বাচন এক সপ্তাহ পিছিয়ে গেছে, সবাইকে শেয়ার করুন!"],
        "caption": ["আজ কাজে যাওয়ার পথে এটা দেখলাম।"],
    },
    "ja": {
        "spam": ["在宅で月収100万円！詳しくはプロフィールのリンクから今すぐ登録してください。"],
        "harassment": ["お前ほど空気が読めない人は見たことがない。もう投稿するな。"],
        "misinformation": ["毎日熱いお茶を飲めばウイルスは完全に防げると専門家が隠している。"],
        "caption": ["今日、駅前でこんなものを見かけました。"],
    },
    "zh-Hans": {
        "spam": ["在家轻松月入过万！点击主页链接立即注册，名额有限。"],
        "harassment": ["你真是这个群里最没脑子的人，别再发帖了。"],
        "misinformation": ["每天喝一杯盐水可以百分之百预防流感，快转发给家人！"],
        "caption": ["今天在路上看到的，大家注意一下。"],
    },
    "hi": {
        "spam": ["घर बैठे रोज़ ₹5000 कमाएँ! अभी मेरे बायो के लिंक पर क्लिक करें।"],
        "harassment": ["तुम इस ग्रुप के सबसे बेवकूफ़ इंसान हो, पोस्ट करना बंद करो।"],
        "misinformation": ["गरम पानी में हल्दी पीने से हर वायरस खत्म हो जाता है, सबको भेजें!"],
        "caption": ["आज बाज़ार में यह देखा, ध्यान रखें।"],
    },
    "tr": {
        "spam": ["Evden günde 1000 TL kazan! Detaylar için hemen mesaj at."],
        "harassment": ["Sen bu gruptaki en saçma insansın, artık paylaşım yapma."],
        "misinformation": ["Seçim tarihi değişti, oy verme yarın değil gelecek hafta! Yayın!"],
        "caption": ["Bugün şehir merkezinde bunu gördüm."],
    },
    "ko": {
        "spam": ["집에서 하루 50만원 벌기! 프로필 링크를 지금 클릭하세요."],
        "harassment": ["너처럼 눈치 없는 사람은 처음 본다. 그만 좀 올려."],
        "misinformation": ["매일 소금물을 마시면 모든 바이러스를 막을 수 있다고 합니다, 공유해 주세요!"],
        "caption": ["오늘 출근길에 본 장면입니다."],
    },
}

REGIONS: dict[str, list[str]] = {
    "en": ["US", "GB", "NG", "IN", "AU"], "es": ["MX", "ES", "AR", "CO"], "de": ["DE", "AT", "CH"],
    "fr": ["FR", "BE", "SN"], "pt-BR": ["BR"], "ar": ["EG", "SA", "MA", "AE"], "he": ["IL"],
    "ja": ["JP"], "zh-Hans": ["CN", "SG"], "hi": ["IN"], "tr": ["TR"], "ko": ["KR"],
    "th": ["TH"], "fa": ["IR", "AF"], "ur": ["PK"], "ta": ["IN", "LK"], "bn": ["BD", "IN"],
}

# Which text kinds each queue mostly sees.
QUEUE_TEXT_KINDS: dict[str, list[str]] = {
    "escalations": ["misinformation", "harassment", "caption"],
    "graphic_media": ["caption"],
    "crisis_sweep": ["caption", "misinformation"],
    "appeals": ["spam", "harassment", "misinformation", "caption"],
    "hate_harassment": ["harassment"],
}

REPORT_REASONS_BY_KIND: dict[str, list[str]] = {
    "spam": ["spam", "scam", "impersonation"],
    "harassment": ["harassment", "bullying", "hate_speech"],
    "misinformation": ["misinformation", "civic_integrity", "health_misinformation"],
    "caption": ["graphic_content", "nudity", "violence", "hate_symbol", "other"],
}

# category -> brief non-graphic labels shown before any reveal
MEDIA_LABELS: dict[str, list[str]] = {
    "graphic_violence": ["Synthetic test pattern: crowd scene",
                         "Synthetic test pattern: street after an accident (simulated)"],
    "nudity": ["Synthetic test pattern: beach photo (simulated)",
               "Synthetic test pattern: figure drawing (simulated)"],
    "hate_symbol": ["Synthetic test pattern: flag with a symbol",
                    "Synthetic test pattern: graffiti on a wall"],
    "self_harm": ["Synthetic test pattern: text overlay on a dark background"],
    "benign": ["Synthetic test pattern: landscape", "Synthetic test pattern: pet photo"],
}

HISTORY_SUMMARIES: list[tuple[str, str, str]] = [
    ("restrict_reach", "spam", "Repeated link posting in comments"),
    ("remove", "harassment", "Insulting reply to another user"),
    ("label_sensitive", "graphic_violence", "News image labelled sensitive"),
    ("no_violation", "hate_speech", "Reported quote found to be counter-speech"),
    ("restrict_reach", "misinformation", "Health claim rated false by fact-checkers"),
    ("suspend", "spam", "Temporary suspension for automated posting"),
]
